"""Describe every operation of the installed huaweicloudsdkmeeting as one JSON document.

Why: the catalog (issue 9) wants one spec per SDK operation, derived from the
SDK rather than typed by hand, so that a new SDK release is taken in by
re-running this script. This is the extraction half: it writes
tools/catalog/sdk.json, which later steps (and census.py) read.

How, per kind of data (the README has the same list):
- Operations are the `_<op>_http_info` classmethods of MeetingClient. Each is
  *called* with a request object whose every attribute holds a unique marker;
  the returned http_info dict then says, without any network, the method, the
  resource path, the response class, which attribute becomes which path /
  query / header / form param under which wire name, the body attribute, the
  collection formats, the Content-Type and the response headers it reads.
- Types, JSON names and `sensitive_list` come from each class's
  `openapi_types` / `attribute_map` / `sensitive_list`; field descriptions
  from the docstrings of the generated properties.
- Read from source (ast), because calling shows nothing of it: whether an
  attribute is required (a generated `__init__` assigns it unconditionally),
  `auth_settings` (a local the function drops), and the
  `local_var_params['…']` names an `_http_info` refers to that its request
  class does not have (the multipart `file`).
- Multipart parts are the body model's fields, files being those of type
  `file`: that is how huaweicloudsdkcore's Client._parse_form_data_body
  sends them (the `form_params` of the four multipart operations stay empty).
- How errors are read: the constants of huaweicloudsdkcore's
  DefaultExceptionHandler (their use read in its handle_exception).
- The two logins of meeting_credentials.py are not http_info methods: they
  are the hand-written LOGINS below, each naming the file and function read.

Run with the venv's python (tools/catalog/venv.sh makes it):
    target/sdk-venv/bin/python tools/catalog/extract.py [-o tools/catalog/sdk.json]
The output is deterministic: sorted keys and operations, no timestamps.
"""

import argparse
import ast
import inspect
import json
import re
import sys
import textwrap
from importlib import metadata
from pathlib import Path

from huaweicloudsdkcore.exceptions.exception_handler import DefaultExceptionHandler as Errors
from huaweicloudsdkcore.sdk_response import SdkResponse
from huaweicloudsdkcore.sdk_stream_response import SdkStreamResponse
from huaweicloudsdkcore.sdk_stream_request import SdkStreamRequest
from huaweicloudsdkmeeting.v1 import meeting_client, meeting_credentials, model
from huaweicloudsdkmeeting.v1.meeting_client import MeetingClient

PACKAGE = "huaweicloudsdkmeeting"
SCALARS = {"str", "int", "float", "bool", "object", "date", "datetime", "file", "decimal"}


class Marker:
    """A unique value put in one request attribute, to see where http_info puts it."""

    def __init__(self, attr):
        self.attr = attr


def site_relative(path):
    """A source path relative to site-packages, so the JSON does not depend on where the venv is."""
    parts = Path(path).parts
    return "/".join(parts[parts.index(PACKAGE):])


def first_sentence(doc):
    """The description of a generated property docstring, cut after its first sentence.

    The docstring is "Gets the x of this Y.", a blank line, the field's
    description, then ":return:" lines. The sentence ends at the first "。" or
    at a "." followed by whitespace or the end; the text is kept raw otherwise.
    """
    lines = inspect.cleandoc(doc or "").splitlines()[1:]
    text = []
    for line in lines:
        if line.startswith(":"):
            break
        text.append(line.strip())
    text = " ".join(t for t in text if t).strip()
    m = re.match(r"(.*?(?:。|\.(?=\s|$)))", text, re.S)
    return (m.group(1) if m else text).strip()


def type_names(type_string):
    """The class or scalar names inside an SDK type string: list[dict(str, Foo)] -> [Foo]."""
    return [t for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", type_string) if t not in ("list", "dict")]


def required_attrs(cls):
    """Attributes that the class's __init__ assigns unconditionally, read from its source.

    The generator writes `self.x = x` for a required attribute and
    `if x is not None: self.x = x` for an optional one; nothing else in the
    Python SDK says which are required, and introspection cannot see it.
    """
    init = ast.parse(textwrap.dedent(inspect.getsource(cls.__init__))).body[0]
    return {t.attr for st in init.body if isinstance(st, ast.Assign) for t in st.targets
            if isinstance(t, ast.Attribute) and getattr(t.value, "id", None) == "self"
            and t.attr in cls.openapi_types}


def fields_of(cls):
    """Every attribute of a generated class, in the SDK's declaration order."""
    required = required_attrs(cls)
    out = []
    for attr, typ in cls.openapi_types.items():
        prop = getattr(cls, attr, None)
        out.append({
            "python_name": attr,
            "json_name": cls.attribute_map[attr],
            "type": typ,
            "required": attr in required,
            "sensitive": attr in getattr(cls, "sensitive_list", []),
            "doc": first_sentence(prop.__doc__ if isinstance(prop, property) else ""),
        })
    return out


def enum_of(cls):
    """The "allowed enum values" of a field-less model class (its upper-case constants), else None."""
    values = [{"name": k, "value": v} for k, v in vars(cls).items()
              if k.isupper() and isinstance(v, (str, int)) and not isinstance(v, bool)]
    return values or None


def http_info_source(name):
    """The ast of one `_<op>_http_info` function, for what calling it cannot show."""
    return ast.parse(textwrap.dedent(inspect.getsource(getattr(MeetingClient, name).__func__)))


def source_facts(name):
    """auth_settings and the local_var_params keys the function refers to, read from its source."""
    tree = http_info_source(name)
    auth, refs = None, []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "auth_settings" for t in node.targets):
            auth = ast.literal_eval(node.value)
        if (isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "local_var_params"
                and isinstance(node.slice, ast.Constant)):
            refs.append(node.slice.value)
    return auth, sorted(set(refs))


def request_class(op):
    """The request class that the public method's docstring names (`:type request:`)."""
    doc = getattr(MeetingClient, op).__doc__
    name = re.search(r":type request: :class:`huaweicloudsdkmeeting\.v1\.(\w+)`", doc).group(1)
    return getattr(model, name)


def summary_of(op):
    """The public method's docstring: first line is the operation's title, then its description."""
    lines = inspect.cleandoc(getattr(MeetingClient, op).__doc__).splitlines()
    body = []
    for line in lines[1:]:
        if line.startswith("Please refer to") or line.startswith(":"):
            break
        body.append(line)
    return lines[0].strip(), "\n".join(body).strip()


def describe_operation(op):
    """Call `_<op>_http_info` on a marked request and turn the result into a JSON entry."""
    req_cls = request_class(op)
    request = req_cls()
    for attr in req_cls.attribute_map:
        setattr(request, attr, Marker(attr))
    info = getattr(MeetingClient, "_%s_http_info" % op)(request)
    types = req_cls.openapi_types
    docs = {f["python_name"]: f for f in fields_of(req_cls)}
    used = set()

    def param(wire, marker):
        used.add(marker.attr)
        entry = {"name": wire, "python_name": marker.attr, "type": types[marker.attr],
                 "required": docs[marker.attr]["required"], "sensitive": docs[marker.attr]["sensitive"],
                 "doc": docs[marker.attr]["doc"]}
        if wire in info["collection_formats"]:
            entry["collection_format"] = info["collection_formats"][wire]
        return entry

    headers = dict(info["header_params"])
    content_type = headers.pop("Content-Type")
    body = info["body"]
    if body is not None:
        used.add(body.attr)
        body = {"python_name": body.attr, "type": types[body.attr], "required": docs[body.attr]["required"],
                "doc": docs[body.attr]["doc"]}
    auth, refs = source_facts("_%s_http_info" % op)
    resp_cls = getattr(model, info["response_type"])
    title, description = summary_of(op)
    entry = {
        "operation": op,
        "source": "huaweicloudsdkmeeting/v1/meeting_client.py: MeetingClient._%s_http_info (called)" % op,
        "title": title,
        "description": description,
        "method": info["method"],
        "path": info["resource_path"],
        "cname": info["cname"],
        "content_type": content_type,
        "request_class": req_cls.__name__,
        "request_is_stream": isinstance(request, SdkStreamRequest),
        "path_params": [param(k, v) for k, v in info["path_params"].items()],
        "query_params": [param(k, v) for k, v in info["query_params"]],
        "header_params": [param(k, v) for k, v in headers.items()],
        "form_params": [param(k, v) for k, v in info["post_params"].items()],
        "form_refs_not_in_request_class": [r for r in refs if r not in req_cls.attribute_map],
        "body": body,
        "multipart": None,
        "unused_request_attributes": sorted(set(req_cls.attribute_map) - used),
        "auth_settings": auth,
        "auth_headers": ["X-Access-Token"],
        "response": describe_response(resp_cls, info["response_headers"]),
    }
    if content_type == "multipart/form-data" and body is not None:
        parts = fields_of(getattr(model, body["type"]))
        entry["multipart"] = {
            "source": "huaweicloudsdkcore/client.py: Client._parse_form_data_body (read): "
                      "the body model's fields are the parts, FormFile-typed ones are files",
            "parts": [{"name": p["json_name"], "python_name": p["python_name"], "type": p["type"],
                       "is_file": p["type"] == "file"} for p in parts],
        }
    return entry


def describe_response(cls, response_headers):
    """Response class, what the body is (a field mapped to "body" is the whole body), headers read."""
    fields = fields_of(cls)
    whole = [f for f in fields if f["json_name"] == "body"]
    return {
        "class": cls.__name__,
        "is_stream": issubclass(cls, SdkStreamResponse),
        "is_sdk_response": issubclass(cls, SdkResponse),
        "body_type": whole[0]["type"] if whole else (cls.__name__ if fields else None),
        "fields": fields,
        "headers_read": sorted(response_headers),
        "header_fields": [f for f in fields if f["json_name"] in response_headers],
    }


# The logins of meeting_credentials.py, written by hand from
# MeetingCredentials.process_request: it builds an SdkRequest itself, sends it
# before the first call (and again after 12 hours), reads `accessToken` from
# the JSON answer, and puts it in the `X-Access-Token` header of every call.
CREDENTIALS = "huaweicloudsdkmeeting/v1/meeting_credentials.py: MeetingCredentials.process_request (read)"
LOGINS = [
    {
        "operation": "credentials_account_auth",
        "source": CREDENTIALS + ", branch auth_type_enum is None or AuthTypeEnum.ACCOUNT",
        "method": "POST",
        "path": "/v1/usg/acs/auth/account",
        "content_type": "application/json",
        "header_params": [{"name": "Authorization", "value": "Basic base64(user_name + ':' + user_password)",
                           "sensitive": True}],
        "body_fields": [{"name": "account", "value": "user_name"},
                        {"name": "clientType", "value": 72}],
        "response_fields_read": ["accessToken"],
    },
    {
        "operation": "credentials_app_auth",
        "source": CREDENTIALS + ", branch AuthTypeEnum.APP_ID; signature from MeetingCredentials._sign_hmac256",
        "method": "POST",
        "path": "/v2/usg/acs/auth/appauth",
        "content_type": "application/json",
        "header_params": [{"name": "Authorization",
                           "value": "HMAC-SHA256 signature=<HMAC-SHA256 of data, key app_key, upper hex>,"
                                    "access=base64(app_id)",
                           "sensitive": True}],
        "signature_data": {"single_tenant": "app_id:user_id:expire_time:nonce",
                           "multi_tenant": "app_id:corp_id:user_id:expire_time:nonce"},
        "body_fields": [{"name": "appId", "value": "app_id"},
                        {"name": "userId", "value": "user_id (\"\" when unset)"},
                        {"name": "corpId", "value": "corp_id"},
                        {"name": "expireTime", "value": "int(time.time()) + 600"},
                        {"name": "nonce", "value": "str(uuid.uuid4())"},
                        {"name": "clientType", "value": 72},
                        {"name": "deptCode", "value": "dept_code"}],
        "response_fields_read": ["accessToken"],
    },
]


def reachable_models(operations):
    """Every model class named, directly or through other models, by a body, param or response field."""
    seen, todo = {}, []
    for op in operations:
        for group in ("path_params", "query_params", "header_params", "form_params"):
            todo += [n for p in op[group] for n in type_names(p["type"])]
        if op["body"]:
            todo += type_names(op["body"]["type"])
        todo += [n for f in op["response"]["fields"] for n in type_names(f["type"])]
    while todo:
        name = todo.pop()
        if name in seen or name in SCALARS:
            continue
        cls = getattr(model, name)
        seen[name] = {"name": name, "fields": fields_of(cls), "enum": enum_of(cls),
                      "source": site_relative(inspect.getsourcefile(cls))}
        todo += [n for f in seen[name]["fields"] for n in type_names(f["type"])]
    return [seen[k] for k in sorted(seen)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(Path(__file__).with_name("sdk.json")))
    args = parser.parse_args()
    names = sorted(n[1:-len("_http_info")] for n in vars(MeetingClient)
                   if n.startswith("_") and n.endswith("_http_info"))
    operations = [describe_operation(op) for op in names]
    doc = {
        "sdk": {"package": PACKAGE, "version": metadata.version(PACKAGE),
                "core_version": metadata.version("huaweicloudsdkcore"),
                "client": site_relative(meeting_client.__file__),
                "credentials": site_relative(meeting_credentials.__file__)},
        "auth": {"header": "X-Access-Token", "source": CREDENTIALS,
                 "note": "set on every request by MeetingCredentials.process_request; "
                         "the _http_info functions' auth_settings are all []"},
        "errors": {
            "source": "huaweicloudsdkcore/exceptions/exception_handler.py: DefaultExceptionHandler "
                      "(constants introspected, use read in handle_exception)",
            "note": "any status >= 400; < 500 raises ClientRequestException, else ServerResponseException; "
                    "the first pair of body_spellings found, at the top or in a nested object, is the error; "
                    "the only response header the SDK reads is the request id, and only here",
            "request_id_headers": [Errors._X_REQUEST_ID, Errors._LOWER_X_REQUEST_ID],
            "body_spellings": [[Errors._ERROR_CODE, Errors._ERROR_MSG],
                               [Errors._ERROR_CODE_CAMEL, Errors._ERROR_MSG_CAMEL],
                               [Errors._CODE, Errors._MESSAGE]],
        },
        "operations": operations,
        "logins": LOGINS,
        "models": reachable_models(operations),
    }
    named = {m["name"] for m in doc["models"]} | {o["request_class"] for o in operations} | {
        o["response"]["class"] for o in operations}
    doc["unreachable_model_classes"] = sorted(
        n for n, c in vars(model).items() if isinstance(c, type) and hasattr(c, "openapi_types") and n not in named)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    Path(args.output).write_text(text, encoding="utf-8")
    print("%s: %d operations, %d logins, %d models" % (args.output, len(operations), len(LOGINS),
                                                        len(doc["models"])), file=sys.stderr)


if __name__ == "__main__":
    main()
