/**
 * A generated file kept in git: written by `npm run <command>`, compared by
 * `npm run <command>:check` (the `--check` flag), which fails when the file is stale.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

async function readCurrent(target: string): Promise<string | undefined> {
  try {
    return await readFile(target, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes `rendered` to `target`, or with `--check` only compares and sets the exit code. */
export async function writeOrCheck(target: string, rendered: string, command: string): Promise<void> {
  const relative = path.relative(process.cwd(), target) || target;
  if (process.argv.includes("--check")) {
    const current = await readCurrent(target);
    if (current !== rendered) {
      console.error(`${relative} is ${current === undefined ? "missing" : "stale"}: run npm run ${command}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${relative} is up to date`);
    return;
  }
  await writeFile(target, rendered);
  console.log(`wrote ${relative}`);
}
