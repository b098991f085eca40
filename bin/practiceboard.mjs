#!/usr/bin/env node
// The `practiceboard` command: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
