/**
 * Sending a file in Teams' own way (personal chat only): a file consent card asks the person where
 * to save it; when they allow it, Teams sends a `fileConsent/invoke` with an upload session in the
 * person's OneDrive, the bot PUTs the bytes there and sends a file info card that opens the file.
 * See "Send and receive files using bot" in the Teams platform documentation.
 */
import type { Attachment, FileConsentCardResponse } from 'botbuilder';

/** Content types of the two cards. */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/** Longest wait for the upload of one file. */
const UPLOAD_TIMEOUT_MS = 20_000;

/**
 * The card that asks the person to accept a file.
 *
 * @param name - the file name Teams suggests
 * @param description - what the file is
 * @param sizeInBytes - the file's size
 * @param context - returned in the invoke, accepted or declined (ids and parameters only, never content)
 * @returns the attachment
 */
export function fileConsentCard(name: string, description: string, sizeInBytes: number, context: Record<string, unknown>): Attachment {
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name,
    content: { description, sizeInBytes, acceptContext: context, declineContext: context },
  };
}

/**
 * The card that shows an uploaded file in the chat.
 *
 * @param uploadInfo - from the accepted consent
 * @returns the attachment
 */
export function fileInfoCard(uploadInfo: NonNullable<FileConsentCardResponse['uploadInfo']>): Attachment {
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    contentUrl: uploadInfo.contentUrl,
    name: uploadInfo.name,
    content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
  };
}

/**
 * Whether an upload URL may receive a file: https, or http to this machine (local testing only).
 *
 * @param url - `uploadInfo.uploadUrl` from the invoke
 * @returns true when the bytes may be sent there
 */
export function isAllowedUploadUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

/**
 * Uploads the whole file to the upload session in one PUT, as Teams expects.
 *
 * @param uploadUrl - `uploadInfo.uploadUrl`
 * @param bytes - the file's content
 * @throws when the upload is refused, fails or takes too long
 */
export async function uploadFile(uploadUrl: string, bytes: Buffer): Promise<void> {
  const res = await fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'content-length': String(bytes.length),
      'content-range': `bytes 0-${Math.max(0, bytes.length - 1)}/${bytes.length}`,
    },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`upload refused: ${res.status}`);
}
