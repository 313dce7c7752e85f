/**
 * Computes a statutory deadline from the command line and prints it as JSON.
 *
 *   npm run --silent deadline -- --start 2026-12-18 --length 45 --unit calendar \
 *     --count after --calendar england-and-wales [--roll next-working-day] [--stop FROM..TO]
 *
 * Exit status: 0 printed a deadline; 1 the deadline cannot be computed (e.g. it
 * needs bank holidays beyond the bundled data); 2 the flags were wrong.
 */
import { computeDeadline, DeadlineError } from "../domain/deadlines/index";
import { DEADLINE_USAGE, deadlineResultJson, parseDeadlineArgs } from "../domain/deadlines/cli-args";

const EXIT_CANNOT_COMPUTE = 1;
const EXIT_USAGE = 2;

function main(argv: readonly string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${DEADLINE_USAGE}\n`);
    return 0;
  }

  const parsed = parseDeadlineArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${DEADLINE_USAGE}\n\nError: ${parsed.message}\n`);
    return EXIT_USAGE;
  }

  try {
    const result = computeDeadline(parsed.request);
    process.stdout.write(`${JSON.stringify(deadlineResultJson(result), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    // Scripts calling this read stdout as JSON, so the failure is reported there too.
    process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
    process.stderr.write(`Error: ${error.message}\n`);
    return error.code === "invalid-request" ? EXIT_USAGE : EXIT_CANNOT_COMPUTE;
  }
}

process.exitCode = main(process.argv.slice(2));
