import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { notFound } from '../common/domain-error.js';
import { assertEvidenceKey, type EvidenceStorage } from './evidence-storage.js';

export interface S3EvidenceStorageOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, Ceph). */
  forcePathStyle: boolean;
}

/** Evidence files as objects in one bucket of an S3-compatible store (AWS, MinIO, Ceph, R2). */
export class S3EvidenceStorage implements EvidenceStorage, OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3EvidenceStorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      },
      // The SDK's default CRC32 checksum headers are not understood by every S3-compatible store;
      // Content-MD5 (below) is, and still makes the store refuse bytes damaged on the way.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** S3 answers a PUT only once the object is stored durably. */
  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertEvidenceKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: contentType,
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    assertEvidenceKey(key);
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!answer.Body) throw new Error('S3 answered a GET without a body');
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw notFound('evidence');
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertEvidenceKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      // S3 itself answers 204 for a missing key; some compatible stores answer 404.
      if (!isMissing(error)) throw error;
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    (error instanceof S3ServiceException &&
      error.$metadata.httpStatusCode === 404 &&
      // A wrong bucket is a configuration error, not a missing file.
      error.name !== 'NoSuchBucket')
  );
}
