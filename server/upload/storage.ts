/**
 * Receives uploaded files: multipart parsing with multer into the ETL's scratch folder, with the
 * configured size limit, and the move of a received file into its source's inbox under a safe
 * name. An upload over the limit is refused with a message saying the limit (as JSON when the
 * client asked for JSON). A received file enters the inbox whole (moved under a hidden name,
 * then renamed), never half-written; anything a killed server left in the scratch folder is
 * removed at the next start (server/startupChecks.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import multer from 'multer';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../../core/errors.ts';
import { copyIntoInbox } from '../../etl/inbox.ts';

export function uploadMiddleware(tmpDir: string, maxBytes: number) {
  mkdirSync(join(tmpDir, 'uploads'), { recursive: true });
  const single = multer({ dest: join(tmpDir, 'uploads'), limits: { fileSize: Math.floor(maxBytes), files: 1, fields: 20 } }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    single(req, res, (err: unknown) => {
      const refusal =
        err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE'
          ? new HttpError(413, `The file is larger than the upload limit of ${+(maxBytes / 1024 / 1024).toFixed(2)} MB. Put it in data/inbox/<source>/ instead, or raise upload.maxMegabytes.`)
          : err
            ? new HttpError(400, 'The upload could not be read as a form with one file.')
            : undefined;
      if (!refusal) next();
      else if (req.accepts(['html', 'json']) === 'json') res.status(refusal.status).set('Cache-Control', 'no-store').json({ error: refusal.message, details: [] });
      else next(refusal);
    });
  };
}

/**
 * Run `handle` for a request that may carry an uploaded file, and delete the received file if it
 * is still in the scratch folder afterwards (the request was refused before it reached the
 * inbox): a raw export is never left behind.
 */
export function discardingUpload(handle: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handle(req, res);
    } finally {
      if (req.file?.path) rmSync(req.file.path, { force: true });
    }
  };
}

/** A file name safe on any file system, keeping a .csv or .txt ending. */
export function safeName(original: string): string {
  const base = basename(original).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 100) || 'upload';
  return /\.(csv|txt|835|edi|dat)$/i.test(extname(base)) ? base : `${base}.csv`;
}

/** Move a received file into inbox/<source>/, never over an existing file; returns its name there. */
export function intoInbox(inboxDir: string, source: string, receivedPath: string, originalName: string): string {
  return copyIntoInbox(receivedPath, join(inboxDir, source), safeName(originalName), true);
}
