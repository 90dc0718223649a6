/** Key pairs the test s3rver accepts (test/fakes/s3rver.ts); shared by node and workerd code. */
/** Key pairs s3rver accepts: an AWS-style access key, and a Cloud Storage HMAC key. */
export const S3RVER_KEYS = {
  aws: { accessKeyId: "AKIAS3RVERTEST000001", secretAccessKey: "s3rver-test-secret-0123456789abcdef" },
  gcs: {
    accessKeyId: "GOOG1ES3RVERTESTHMACKEY0000000000000000000000000000000000000",
    secretAccessKey: "gcs-hmac-test-secret-0123456789abcdef",
  },
} as const;
