// An uploaded file as the import services see it, and the errors a file as a whole can cause.
import { DomainError } from '../domain-error';

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

export const unreadable = (name: string, zhWhy: string, enWhy: string) =>
  new DomainError('unprocessable', 'unreadable_file', `无法读取文件「${name}」：${zhWhy}`, `Cannot read the file "${name}": ${enWhy}`);

export function unsupported(name: string, zhExpected: string, enExpected: string): DomainError {
  return new DomainError('unsupported_media', 'unsupported_file', `不支持的文件类型「${name}」，请上传${zhExpected}`, `Unsupported file type "${name}": upload ${enExpected}`);
}

/**
 * Text in UTF-16 (Excel's "Unicode text", with its byte-order mark), UTF-8 (with or without BOM)
 * or, as older Chinese office software writes it, GB18030/GBK.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
