""""Try it" requests: a form (multipart or urlencoded, with the page's token unless the browser proved
it is the server's own page) or a JSON object, read into one checked :class:`ExtractRequest`."""
from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.requests import Request

from ..errors import StoreError
from ..read import decode
from . import origin
from .guard import BodyTooLarge


class ExtractRequest(BaseModel):
    """The fields of ``POST /api/extract`` and ``POST /try`` (a form may add ``file``, an upload)."""

    model_config = ConfigDict(extra="ignore")
    text: str | None = Field(None, description="the article (or give a file)")
    title: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=10, description="YYYY-MM-DD")
    language: str = Field("auto", max_length=4, description="auto, fr or en")
    format: str = Field("auto", max_length=5, description="auto, text or html")
    store: bool = Field(False, description="add it to the corpus (only on a server started with --allow-store)")
    token: str | None = Field(None, max_length=200,
                              description="the page's write token: needed by a form sent without an Origin header")


def schema_for_openapi() -> dict:
    schema = ExtractRequest.model_json_schema()
    schema["properties"]["file"] = {"type": "string", "format": "binary", "description": "an uploaded .txt or .html"}
    return schema


OPENAPI_BODY = {"requestBody": {"content": {
    media: {"schema": {"$ref": "#/components/schemas/ExtractRequest"}}
    for media in ("multipart/form-data", "application/x-www-form-urlencoded", "application/json")}}}


async def read_request(request: Request, *, max_upload_bytes: int, token: str) -> tuple[dict, UploadFile | None]:
    """The raw fields and the upload; refuses (Forbidden) a form without proof it comes from this server."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    upload = None
    if content_type == "application/json":
        try:
            fields = json.loads(await request.body())
        except ValueError as exc:
            raise StoreError(f"the body is not valid JSON: {exc}") from None
        if not isinstance(fields, dict):
            raise StoreError("the body must be a JSON object")
    elif content_type in origin.FORM_TYPES:
        # a pasted text is one form field: let it reach the upload limit (Starlette's default is 1 MB)
        form = await request.form(max_files=1, max_fields=20, max_part_size=max_upload_bytes + 64_000)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        found = form.get("file")
        upload = found if isinstance(found, UploadFile) else None
    else:
        raise StoreError("send a form (multipart/form-data or urlencoded) or a JSON object")
    if not getattr(request.state, "same_origin", False) and not origin.token_ok(fields.get("token"), token):
        raise origin.Forbidden("this form does not come from this server's page (its token is missing or stale: "
                               "reload the page)")
    return fields, upload


def checked(fields: dict) -> ExtractRequest:
    try:
        return ExtractRequest.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise StoreError(f"{where}: {first.get('msg', 'invalid')}") from None


async def submission(fields: ExtractRequest, upload: UploadFile | None, max_upload_bytes: int) -> tuple[str, bool, str]:
    """(text, is_html, source name) of a request: its upload if it has one, else its text."""
    if upload is not None and upload.filename:
        data = await upload.read(max_upload_bytes + 1)
        if len(data) > max_upload_bytes:
            raise BodyTooLarge(f"file over the {max_upload_bytes:,} byte limit")
        name = upload.filename
        html = fields.format == "html" or (fields.format == "auto" and name.lower().endswith((".html", ".htm")))
        return decode(data, max_upload_bytes), html, name
    text = fields.text
    if not text or not text.strip():
        raise StoreError("paste a text or choose a file")
    if len(text.encode("utf-8", "surrogatepass")) > max_upload_bytes:
        raise BodyTooLarge(f"text over the {max_upload_bytes:,} byte limit")
    return text, fields.format == "html", "<pasted>"
