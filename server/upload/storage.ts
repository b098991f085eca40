/**
 * Receives uploaded files: multipart parsing with multer into the ETL's scratch folder, with the
 * configured size limit, and the move of a received file into its source's inbox under a safe
 * name. An upload over the limit is refused with a message saying the limit.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import multer from 'multer';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../../core/errors.ts';

export function uploadMiddleware(tmpDir: string, maxBytes: number) {
  mkdirSync(join(tmpDir, 'uploads'), { recursive: true });
  const single = multer({ dest: join(tmpDir, 'uploads'), limits: { fileSize: Math.floor(maxBytes), files: 1, fields: 20 } }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    single(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        next(new HttpError(413, `The file is larger than the upload limit of ${+(maxBytes / 1024 / 1024).toFixed(2)} MB. Put it in data/inbox/<source>/ instead, or raise upload.maxMegabytes.`));
      } else if (err) next(new HttpError(400, 'The upload could not be read as a form with one file.'));
      else next();
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
  const dir = join(inboxDir, source);
  mkdirSync(dir, { recursive: true });
  const wanted = safeName(originalName);
  let name = wanted;
  for (let i = 1; existsSync(join(dir, name)); i++) name = wanted.replace(/(\.[^.]+)$/, `-${i}$1`);
  renameSync(receivedPath, join(dir, name));
  return name;
}
