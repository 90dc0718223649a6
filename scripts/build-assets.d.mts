/** Types of scripts/build-assets.mjs for vitest.config.ts and the tests that import it. */
export declare const ASSETS_DIR: string;
export declare function buildAssets(): Promise<string[]>;
