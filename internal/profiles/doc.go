// Package profiles reads AWS profiles exactly as the AWS CLI (botocore)
// does: it parses ~/.aws/config and ~/.aws/credentials, follows each
// profile's source_profile chain to its Primary, reads how long the
// credentials last from the SSO and CLI caches and the environment, and
// lints what would fail or surprise.
//
// It reads files and the environment only: it never runs credential_process
// or any other program, never opens a network connection, never writes a
// file, and never keeps a secret value it reads.
package profiles
