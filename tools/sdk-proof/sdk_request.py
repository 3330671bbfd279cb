"""Send one operation through the official Python SDK to a local server.

Issue 9 proves each generated Rust client against `huaweicloudsdkmeeting`:
this is the SDK half. It turns a JSON object of sample values into the SDK's
request object, sends it with a `MeetingClient` aimed at
`http://127.0.0.1:PORT`, and prints what the SDK decoded (or raised) as JSON.

Values (see README.md): top-level keys are the request class's Python
attribute names (`user_uuid`, `conference_id`, `body`); values inside a
model, at any depth, are keyed by the model's JSON names (`subject`,
`mediaTypes`), so `values["body"]` reads like the JSON body it becomes.
A `file` part is `{"filename": ..., "content_base64": ..., "content_type": optional}`.

Credentials: `MeetingCredentials` logs in (POST to a login path, over
https, whatever the endpoint's scheme) the first time it has no token.
For an operation we pre-set its token (`_token`, `_last_token_date`), so no
login call is made and every request carries `X-Access-Token: <token>`.
For the two logins (`credentials_account_auth`, `credentials_app_auth`)
we leave the token unset so the SDK's own code logs in to the same host
and port over TLS (the recorder speaks both), then runs the `then`
operation (default `show_my_info`) with the token it got.

Run with the venv's python: target/sdk-venv/bin/python tools/sdk-proof/sdk_request.py
    --endpoint http://127.0.0.1:PORT OP VALUES.json   (VALUES.json or - for stdin)
Standard library and the SDK only; nothing but the given endpoint is contacted.
"""
import argparse
import atexit
import base64
import datetime
import decimal
import functools
import json
import os
import re
import shutil
import sys
import tempfile
import time
import types
import uuid

# Loopback only: no proxy from the environment may see these requests.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

import urllib3  # noqa: E402  (the SDK's own dependency, via requests)
from huaweicloudsdkcore.http.formdata import FormFile  # noqa: E402
from huaweicloudsdkcore.http.http_config import HttpConfig  # noqa: E402
from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization  # noqa: E402
from huaweicloudsdkmeeting.v1 import meeting_credentials, model  # noqa: E402
from huaweicloudsdkmeeting.v1.meeting_client import MeetingClient  # noqa: E402
from huaweicloudsdkmeeting.v1.meeting_credentials import (  # noqa: E402
    AuthTypeEnum, MeetingCredentials, TenantSceneEnum)

# The logins' https goes to our own self-signed loopback server; no warning per request.
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "catalog", "sdk.json")
TOKEN = "sdk-proof-token"
LOGINS = ("credentials_account_auth", "credentials_app_auth")
_files_dir = None


@functools.lru_cache(maxsize=None)
def catalog():
    """sdk.json: operations by name, logins by name (read once; treat as read-only)."""
    with open(CATALOG, encoding="utf-8") as f:
        doc = json.load(f)
    ops = {o["operation"]: o for o in doc["operations"]}
    ops.update({lg["operation"]: lg for lg in doc["logins"]})
    return ops


def _form_file(value):
    """A FormFile on a real file named `filename` (the SDK sends the file's base name)."""
    global _files_dir
    if _files_dir is None:
        _files_dir = tempfile.mkdtemp(prefix="sdk-proof-")
        atexit.register(shutil.rmtree, _files_dir, True)
    name = value["filename"]
    if os.path.basename(name) != name or name in ("", ".", ".."):
        raise ValueError("filename must be a plain name: %r" % name)
    path = os.path.join(_files_dir, name)
    with open(path, "wb") as f:
        f.write(base64.b64decode(value.get("content_base64", "")))
    return FormFile(open(path, "rb"), value.get("content_type"))


def convert(value, typ, where):
    """JSON value -> what the SDK expects for its type string `typ`."""
    if value is None:
        return None
    m = re.fullmatch(r"list\[(.*)\]", typ)
    if m:
        return [convert(v, m.group(1), "%s[%d]" % (where, i)) for i, v in enumerate(value)]
    m = re.fullmatch(r"dict\(([^,]*), (.*)\)", typ)
    if m:
        return {k: convert(v, m.group(2), "%s.%s" % (where, k)) for k, v in value.items()}
    if typ == "file":
        return _form_file(value)
    if typ in ("str", "int", "bool", "float", "object", "date", "datetime"):
        return value
    klass = getattr(model, typ)
    if not klass.openapi_types:  # a field-less enum class: its values are plain strings
        return value
    by_json = {j: p for p, j in klass.attribute_map.items()}
    unknown = sorted(set(value) - set(by_json))
    if unknown:
        raise KeyError("%s (%s) has no JSON field %s" % (where, typ, ", ".join(unknown)))
    return klass(**{by_json[j]: convert(v, klass.openapi_types[by_json[j]], "%s.%s" % (where, j))
                    for j, v in value.items()})


def build_request(op, values):
    """The SDK request object for `op`, top-level values by Python attribute name."""
    klass = getattr(model, op["request_class"])
    unknown = sorted(set(values) - set(klass.openapi_types))
    if unknown:
        raise KeyError("%s has no attribute %s" % (op["request_class"], ", ".join(unknown)))
    return klass(**{k: convert(v, klass.openapi_types[k], k) for k, v in values.items()})


def login_credentials(op_name, values):
    """MeetingCredentials that will log in through the SDK's own code, and the carrier call.

    `nonce` and `expire_time` (app login) replace uuid4() and time()+600 inside
    meeting_credentials, so the signature is reproducible by the Rust side.
    """
    v = dict(values)
    then, then_values = v.pop("then", "show_my_info"), v.pop("then_values", {})
    if op_name == "credentials_account_auth":
        creds = MeetingCredentials(v.pop("user_name"), v.pop("user_password"))
    else:
        creds = MeetingCredentials().with_auth_type_enum(AuthTypeEnum.APP_ID)
        creds.with_app_id(v.pop("app_id")).with_app_key(v.pop("app_key"))
        creds.with_tenant_scene_enum(TenantSceneEnum[v.pop("tenant_scene", "SINGLE_TENANT")])
        for key in ("corp_id", "user_id", "dept_code"):
            if key in v:
                getattr(creds, "with_" + key)(v.pop(key))
        nonce, expire = v.pop("nonce", None), v.pop("expire_time", None)
        if nonce is not None:
            meeting_credentials.uuid = types.SimpleNamespace(uuid4=lambda: nonce)
        if expire is not None:
            meeting_credentials.time = types.SimpleNamespace(time=lambda: expire - 600)
    if v:
        raise KeyError("%s: unknown login values %s" % (op_name, ", ".join(sorted(v))))
    return creds, then, then_values


def make_client(endpoint, creds):
    """A MeetingClient on `endpoint`; no retries, short timeouts, no env proxies, TLS unverified."""
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True  # the logins always use https; our cert is self-signed
    config.timeout = (5, 20)
    client = MeetingClient.new_builder().with_http_config(config) \
        .with_credentials(creds).with_endpoint(endpoint).build()
    client.get_http_client()._session.trust_env = False  # ignore HTTP(S)_PROXY, .netrc
    return client


def fixed_token(token=TOKEN):
    """Credentials that already hold `token`: process_request then only sets X-Access-Token."""
    creds = MeetingCredentials("sdk-proof-user", "sdk-proof-password")
    creds._token, creds._last_token_date = token, datetime.datetime.now()
    return creds


def result_json(resp):
    """The decoded response as JSON names (sanitize_for_serialization), plus its status."""
    out = {"ok": True, "class": type(resp).__name__, "status_code": getattr(resp, "status_code", None),
           "value": sanitize_for_serialization(resp)}
    return json.loads(json.dumps(out, default=_jsonable))


def error_json(exc):
    """An exception as JSON: its class, and the SDK's status and error fields when present."""
    out = {"ok": False, "exception": type(exc).__name__, "message": str(exc)}
    for key in ("status_code", "error_code", "error_msg", "request_id"):
        if getattr(exc, key, None) is not None:
            out[key] = getattr(exc, key)
    return out


def _jsonable(v):
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return str(v)


def send(op_name, values, endpoint, token=TOKEN):
    """Build, send, decode. Returns the result JSON; never raises for SDK errors."""
    ops = catalog()
    try:
        if op_name in LOGINS:
            creds, op_name, values = login_credentials(op_name, values)
        else:
            creds = fixed_token(token)
        request = build_request(ops[op_name], values)
        client = make_client(endpoint, creds)
        try:
            result = result_json(getattr(client, op_name)(request))
        finally:
            client.close()
        if creds._token != token:
            result["login_token"] = creds._token
        return result
    except Exception as exc:  # noqa: BLE001 - the exception is the result
        return error_json(exc)
    finally:  # undo login_credentials' nonce / clock replacement
        meeting_credentials.uuid, meeting_credentials.time = uuid, time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--token", default=TOKEN)
    ap.add_argument("operation")
    ap.add_argument("values", help="JSON file of sample values, or - for stdin")
    args = ap.parse_args()
    if not re.fullmatch(r"https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?", args.endpoint):
        sys.exit("endpoint must be loopback: %s" % args.endpoint)
    with (sys.stdin if args.values == "-" else open(args.values, encoding="utf-8")) as f:
        values = json.load(f)
    print(json.dumps(send(args.operation, values, args.endpoint, args.token), ensure_ascii=False))


if __name__ == "__main__":
    main()
