// asl-validator ships no type declarations: the part of its API the tests use.
declare module 'asl-validator' {
  type ValidationResult = { isValid: boolean; errors: unknown[]; errorsText(separator?: string): string };
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): ValidationResult;
}
