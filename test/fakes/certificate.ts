/**
 * A self-signed certificate (EC P-256, CN=probe.invalid, valid until 2126) for approvals that
 * need a well-formed certificate but no server presenting it: the cross-account probes.
 * Generated with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1`; its
 * private key was not kept.
 */
export const PROBE_CERTIFICATE = {
  encoded_cert:
    "MIIBhzCCAS2gAwIBAgIUQiKLSMVmEHdIYYtUQJ56RDu7ljUwCgYIKoZIzj0EAwIwGDEWMBQGA1UEAwwNcHJvYmUuaW52YWxpZDAgFw0yNjEyMDMxMTIwMDlaGA8yMTI2MTEwOTExMjAwOVowGDEWMBQGA1UEAwwNcHJvYmUuaW52YWxpZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJggwST7MRXR0XrJ12njfaKKUvGf6+PKpxMt8pwICv+NfNudwUhGA6OLYVUI4AyI5cufRXamtjpnofAuWMWPY9SjUzBRMB0GA1UdDgQWBBSDNZpV9nZ2RmzCP+A7W97RwROa7TAfBgNVHSMEGDAWgBSDNZpV9nZ2RmzCP+A7W97RwROa7TAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDceQguxIgrWQto6yQ4EpcooEC3/B4bHeb8dDAqQifdSgIgR99DUBHI9n/I3l729js9uq/1sd9sNnLw9lUtEHQeIUI=",
  /** base64url SHA-256 of the DER, as `openssl x509 -outform der | openssl dgst -sha256 -binary` gives it. */
  hash: "o7E4U2wnRZ0FqesrY4x8KPyL2WRw1xjZREnkWbQEjx0",
} as const;
