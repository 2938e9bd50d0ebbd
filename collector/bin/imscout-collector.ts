#!/usr/bin/env node
import packageJson from '../../package.json' with { type: 'json' };

// The collector arrives with its own issue; until then only --version answers.
const [command] = process.argv.slice(2);
if (command === '--version') {
  process.stdout.write(`${packageJson.version}\n`);
} else {
  process.stderr.write('imscout-collector: not available in this build yet\n');
  process.exitCode = 1;
}
