/**
 * The emulator's simulated time: `start + (wallNow - wallStart) * timeScale + manual advances`.
 * A change of time scale re-anchors at the present, so simulated time never jumps.
 */
export class SimulatedClock {
  readonly #wallClock: () => number;
  #anchorSimulated: number;
  #anchorWall: number;
  #timeScale: number;

  constructor(options: { startAt: number; timeScale: number; wallClock: () => number }) {
    this.#wallClock = options.wallClock;
    this.#anchorSimulated = options.startAt;
    this.#anchorWall = options.wallClock();
    this.#timeScale = options.timeScale;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.#anchorSimulated + (this.#wallClock() - this.#anchorWall) * this.#timeScale;
  }

  advance(seconds: number): void {
    this.#anchorSimulated += seconds * 1000;
  }

  setTimeScale(timeScale: number): void {
    this.restartAt(this.now(), timeScale);
  }

  /** Continues from `simulatedNow` at the present wall-clock instant (reset, or a restart from a state file). */
  restartAt(simulatedNow: number, timeScale = this.#timeScale): void {
    this.#anchorSimulated = simulatedNow;
    this.#anchorWall = this.#wallClock();
    this.#timeScale = timeScale;
  }

  wallNow(): number {
    return this.#wallClock();
  }
}
