#!/usr/bin/env node
// `npm start`: shows the product working on this machine. Today that is one live scan, printed as
// a table; the collector, the dashboard login and the enrolled local agent join it with their issues.
import { main } from '../agent/cli/main.ts';

console.log('imscout: scanning this machine for IM clients…\n');
process.exitCode = await main(['scan', ...process.argv.slice(2)]);
