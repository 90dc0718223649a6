/** The parts of s3rver (plain JavaScript, no types of its own) that test/fakes/s3rver.ts uses. */
declare module "s3rver" {
  import type { RequestListener } from "node:http";
  export default class S3rver {
    constructor(options: { directory: string; silent?: boolean; resetOnClose?: boolean; vhostBuckets?: boolean });
    getMiddleware(): RequestListener;
  }
}

declare module "s3rver/lib/models/account.js" {
  const Account: { DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void } };
  export default Account;
}
