#!/usr/bin/env node
// The `crosscheck` command: registers tsx so the TypeScript sources run as they are, then hands over.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
// The command has finished: nothing should keep the process alive now. If something does (a query
// abandoned when `serve`'s shutdown grace period ran out), exit anyway rather than hang.
setTimeout(() => process.exit(), 2000).unref();
