#!/usr/bin/env node
// The `practiceboard` command: the compiled JavaScript in dist/ when it is up to date, else the
// TypeScript sources through tsx (development). See launch.mjs.
import { launch } from './launch.mjs';

await launch('server/cli');
