/** Types of scripts/dev-vars.mjs for the TypeScript tests that import it. */
export declare const GENERATED_VARS: Record<string, () => string>;
export declare function parseDotenv(text: string): Record<string, string>;
export declare function ensureDevVars(file: string): {
  vars: Record<string, string>;
  created: string[];
  existed: boolean;
};
export declare function bannerLines(options: {
  url: string;
  vars: Record<string, string>;
  created: string[];
  devVarsPath: string;
  persistDir: string;
  elapsedMs: number;
}): string[];
