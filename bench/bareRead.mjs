// The benchmark's baseline, in a fresh process like the CLI: a bare DuckDB read_csv of FILE
// into a table of a new database file DB. Plain JavaScript, so no TypeScript loader is timed.
import process from 'node:process';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, db] = process.argv.slice(2);
const instance = await DuckDBInstance.create(db);
const conn = await instance.connect();
await conn.run('CREATE TABLE bare AS SELECT * FROM read_csv($path)', { path: file });
conn.closeSync();
