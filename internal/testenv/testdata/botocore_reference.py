"""What botocore itself makes of a set of AWS config directories.

The differential tests run this with python3 and compare its answer with
awsp's. It reads a JSON list of {"config": PATH, "credentials": PATH} on
stdin and prints, for each, the profiles botocore sees and, per profile, the
chain it follows and the error it raises.

Nothing here reaches the network or runs a program: every provider that
would (STS, SSO, credential_process, instance metadata) is replaced by one
that records what was asked and returns made-up credentials.
"""
import json
import os
import sys

import botocore.credentials as bc
import botocore.exceptions as be
import botocore.session
import botocore.configloader

trace = {}


def fake(kind):
    trace["primary"] = kind
    return bc.Credentials("AKIDREFERENCE", "reference-secret", "reference-token")


def fake_fetch(self):
    # Resolve the source first, as a real AssumeRole call would.
    src = getattr(self, "_source_credentials", None)
    if src is not None:
        src.get_frozen_credentials()
    return {"access_key": "AKIDREFERENCE", "secret_key": "reference-secret",
            "token": "reference-token", "expiry_time": "2099-01-01T00:00:00Z"}


orig_assume = bc.AssumeRoleProvider._load_creds_via_assume_role
orig_from_profile = bc.AssumeRoleProvider._resolve_credentials_from_profile
orig_shared = bc.SharedCredentialProvider.load
orig_config = bc.ConfigProvider.load


def record(name):
    chain = trace.setdefault("chain", [])
    if not chain or chain[-1] != name:
        chain.append(name)


def assume(self, profile_name):
    record(profile_name)
    return orig_assume(self, profile_name)


def from_profile(self, profile_name):
    record(profile_name)
    return orig_from_profile(self, profile_name)


def shared(self):
    c = orig_shared(self)
    if c is not None:
        trace["primary"] = "static"
    return c


def config(self):
    c = orig_config(self)
    if c is not None:
        trace["primary"] = "static"
    return c


def sso(self):
    if self._load_sso_config():
        return fake("sso")
    return None


def process(self):
    if self._credential_process is None:
        return None
    return fake("process")


def login(self):
    profile = self._load_config().get("profiles", {}).get(self._profile_name, {})
    return fake("login") if "login_session" in profile else None


def web_identity(self):
    c = orig_web_identity(self)
    if c is not None:
        trace["primary"] = "web_identity"
    return c


orig_web_identity = bc.AssumeRoleWithWebIdentityProvider.load
bc.AssumeRoleProvider._load_creds_via_assume_role = assume
bc.AssumeRoleProvider._resolve_credentials_from_profile = from_profile
bc.AssumeRoleCredentialFetcher.fetch_credentials = fake_fetch
bc.AssumeRoleWithWebIdentityCredentialFetcher.fetch_credentials = fake_fetch
bc.AssumeRoleWithWebIdentityProvider.load = web_identity
bc.SharedCredentialProvider.load = shared
bc.ConfigProvider.load = config
bc.SSOProvider.load = sso
bc.ProcessProvider.load = process
bc.LoginProvider.load = login
bc.CanonicalNameCredentialSourcer.source_credentials = lambda self, name: fake("credential_source")
for cls in (bc.ContainerProvider, bc.InstanceMetadataProvider, bc.OriginalEC2Provider, bc.BotoProvider):
    cls.load = lambda self: None


def code_of(e):
    """The awsp lint code for a botocore exception."""
    msg = str(e)
    if isinstance(e, be.ConfigParseError):
        return "parse-error"
    if isinstance(e, be.InfiniteLoopConfigError):
        return "source-profile-cycle"
    if isinstance(e, be.InvalidIMDSEndpointModeError):
        return "imds-endpoint-mode-invalid"
    if isinstance(e, be.PartialCredentialsError):
        if "source_profile or credential_source" in msg:
            return "role-without-source"
        return "partial-credentials"
    for needle, code in [
        ("contains both source_profile and credential_source", "source-and-credential-source"),
        ("is not valid", "credential-source-invalid"),
        ("does not exist.", "source-profile-missing"),
        ("must have credentials", "no-credentials"),
        ("sso-session does not exist", "sso-session-missing"),
        ("is inconsistent between", "sso-session-conflict"),
        ("missing required configuration", "sso-incomplete"),
        ("web identity but has no role ARN", "web-identity-without-role"),
    ]:
        if needle in msg:
            return code
    return "other: %s: %s" % (type(e).__name__, msg)


def plain(v):
    return v if isinstance(v, (str, dict)) else str(v)


def examine(case):
    os.environ["AWS_CONFIG_FILE"] = case["config"]
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = case["credentials"]
    out = {"refused": None, "profiles": {}, "sso_sessions": {}, "chains": {}}
    try:
        full = botocore.session.Session().full_config
    except be.ConfigParseError as e:
        out["refused"] = str(e)
        return out
    out["profiles"] = {n: {k: plain(v) for k, v in p.items()} for n, p in full["profiles"].items()}
    out["sso_sessions"] = {n: {k: plain(v) for k, v in s.items()} for n, s in full.get("sso_sessions", {}).items()}
    for name in full["profiles"]:
        trace.clear()
        result = {"error": None}
        try:
            creds = botocore.session.Session(profile=name).get_credentials()
            if creds is None:
                result["error"] = "no-credentials"
            else:
                creds.get_frozen_credentials()
        except Exception as e:  # every failure is a verdict to compare
            result["error"] = code_of(e)
        result["chain"] = trace.get("chain", [name])
        result["credential_type"] = trace.get("primary", "none")
        out["chains"][name] = result
    return out


if __name__ == "__main__":
    for k in list(os.environ):
        if k.startswith("AWS_"):
            del os.environ[k]
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    cases = json.load(sys.stdin)
    json.dump([examine(c) for c in cases], sys.stdout, indent=1, sort_keys=True)
