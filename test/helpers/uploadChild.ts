/**
 * A child process for the upload kill test: the server's upload receiving (multer into the
 * scratch folder, then into the inbox) on loopback, without sign-in. Prints its port.
 * Usage: node --import tsx test/helpers/uploadChild.ts <tmpDir> <inboxDir>
 */
import express from 'express';
import { intoInbox, uploadMiddleware } from '../../server/upload/storage.ts';

const [tmpDir, inboxDir] = process.argv.slice(2) as [string, string];
const app = express();
app.post('/upload', uploadMiddleware(tmpDir, 1024 * 1024 * 1024), (req, res) => {
  const name = intoInbox(inboxDir, 'billing', req.file!.path, req.file!.originalname);
  res.json({ name });
});
const server = app.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`port ${typeof a === 'object' && a ? a.port : 0}\n`);
});
