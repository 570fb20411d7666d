/// The OpenAPI 3.1 document of the API, served at `GET /api/v1/openapi.json`.
/// `OpenAPIDocumentTests` fails when a route exists that the document lacks, or
/// the other way round.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)

    static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Cardbox",
        "version": "0.1.0",
        "description": "A contacts server whose database is a folder of vCard files. Every change, through the API or to the files, is pushed as an event on /api/v1/events."
      },
      "servers": [{"url": "http://127.0.0.1:8080"}],
      "security": [{}, {"bearer": []}],
      "paths": {
        "/api/v1/contacts": {
          "get": {
            "summary": "List contacts",
            "operationId": "listContacts",
            "parameters": [
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 20}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
              {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["display_name", "created_at", "updated_at", "company"], "default": "display_name"}},
              {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"], "default": "asc"}},
              {"name": "search", "in": "query", "description": "Whitespace-separated terms, all must match (case- and accent-insensitive; digit terms also match phone digits).", "schema": {"type": "string"}},
              {"name": "tag", "in": "query", "description": "Repeatable; all given tags must be present (case-insensitive).", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
              {"name": "company", "in": "query", "schema": {"type": "string"}},
              {"name": "source", "in": "query", "schema": {"type": "string"}},
              {"name": "include_deleted", "in": "query", "schema": {"$ref": "#/components/schemas/Flag"}},
              {"name": "only_deleted", "in": "query", "schema": {"$ref": "#/components/schemas/Flag"}},
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["compact"]}}
            ],
            "responses": {
              "200": {"description": "A page of contacts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactList"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "summary": "Create a contact",
            "operationId": "createContact",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactInput"}}}},
            "responses": {
              "201": {"description": "Created", "headers": {"Location": {"schema": {"type": "string"}}, "ETag": {"schema": {"type": "string"}}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {
            "summary": "Get a contact",
            "operationId": "getContact",
            "parameters": [{"name": "format", "in": "query", "schema": {"type": "string", "enum": ["compact"]}}],
            "responses": {
              "200": {"description": "The contact", "headers": {"ETag": {"schema": {"type": "string"}}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "304": {"description": "Not modified (If-None-Match)"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "summary": "Change some fields of a contact",
            "operationId": "patchContact",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactInput"}}}},
            "responses": {
              "200": {"description": "The changed contact", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "404": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Soft-delete a contact, or remove its file with permanent=true",
            "operationId": "deleteContact",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"},
                           {"name": "permanent", "in": "query", "schema": {"$ref": "#/components/schemas/Flag"}}],
            "responses": {
              "200": {"description": "Soft-deleted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "204": {"description": "Permanently deleted"},
              "404": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/custom": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "patch": {
            "summary": "Merge custom fields (null removes a key)",
            "operationId": "patchCustomFields",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": true}}}},
            "responses": {
              "200": {"description": "The changed contact", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "404": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/restore": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "post": {
            "summary": "Restore a soft-deleted contact",
            "operationId": "restoreContact",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "responses": {
              "200": {"description": "The restored contact", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/duplicates": {
          "get": {
            "summary": "Groups of contacts that are likely the same person, strongest first",
            "description": "Evidence: the same UID, email (case-insensitive), phone number (national and international forms agree; --default-country gives the calling code of numbers without one), name (folded case, accents, token order) or a similar name (initials, small edit distance). Soft-deleted contacts are left out. The score is in 0…1; groups are linked pairs scoring at least 0.7, transitively.",
            "operationId": "listDuplicates",
            "parameters": [
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 20}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647, "default": 0}}
            ],
            "responses": {
              "200": {"description": "A page of groups", "content": {"application/json": {"schema": {"type": "object", "required": ["data", "meta"], "properties": {
                "data": {"type": "array", "items": {"type": "object", "required": ["ids", "score", "reasons"], "properties": {
                  "ids": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                  "score": {"type": "number", "minimum": 0, "maximum": 1},
                  "reasons": {"type": "array", "items": {"type": "string"}, "examples": [["same email ana@acme.example", "same phone +34612345678", "similar name"]]}}}},
                "meta": {"type": "object", "required": ["total", "limit", "offset", "has_more"], "properties": {
                  "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "has_more": {"type": "boolean"}}}}}}}},
              "400": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/status": {
          "get": {
            "summary": "Counts, problem files and warnings",
            "operationId": "getStatus",
            "responses": {"200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StatusRecord"}}}}}
          }
        },
        "/api/v1/events": {
          "get": {
            "summary": "Live events over a WebSocket (RFC 6455 upgrade)",
            "description": "One text frame per change: {seq, type, id, at, origin, data, permanent (deletes only)}. ?since=SEQ replays buffered events after SEQ first, or sends {\"type\":\"resync\"} if they are gone. The token may also be given as ?token=.",
            "operationId": "events",
            "parameters": [
              {"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0}},
              {"name": "types", "in": "query", "description": "Comma-separated: contact.created, contact.updated, contact.deleted, contact.restored", "schema": {"type": "string"}},
              {"name": "token", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {
              "101": {"description": "Switching Protocols to WebSocket"},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "426": {"description": "Upgrade Required (wrong Sec-WebSocket-Version)"}
            }
          }
        },
        "/api/v1/openapi.json": {
          "get": {
            "summary": "This document",
            "operationId": "getOpenAPI",
            "responses": {"200": {"description": "OpenAPI 3.1 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Required when the server runs with --token."}},
        "parameters": {
          "Id": {"name": "id", "in": "path", "required": true, "description": "The file name without .vcf", "schema": {"type": "string"}},
          "IfMatch": {"name": "If-Match", "in": "header", "required": false, "schema": {"type": "string"}}
        },
        "responses": {
          "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Flag": {"type": "string", "enum": ["true", "false", "1", "0"]},
          "Email": {"type": "object", "required": ["address"], "additionalProperties": false, "properties": {
            "address": {"type": "string"}, "label": {"type": "string", "enum": ["work", "personal", "other"]}, "primary": {"type": "boolean"}}},
          "Phone": {"type": "object", "required": ["number"], "additionalProperties": false, "properties": {
            "number": {"type": "string"}, "label": {"type": "string", "enum": ["mobile", "work", "home", "other"]}, "primary": {"type": "boolean"}}},
          "Address": {"type": "object", "additionalProperties": false, "properties": {
            "street": {"type": ["string", "null"]}, "city": {"type": ["string", "null"]}, "state": {"type": ["string", "null"]},
            "postal_code": {"type": ["string", "null"]}, "country": {"type": ["string", "null"]},
            "label": {"type": "string", "enum": ["home", "work", "other"]}}},
          "Contact": {"type": "object", "required": ["id", "display_name", "first_name", "last_name", "emails", "phones", "company", "job_title",
              "addresses", "notes", "avatar_path", "tags", "custom_fields", "source", "created_at", "updated_at", "deleted_at"],
            "properties": {
              "id": {"type": "string"}, "display_name": {"type": "string"},
              "first_name": {"type": ["string", "null"]}, "last_name": {"type": ["string", "null"]},
              "emails": {"type": "array", "items": {"$ref": "#/components/schemas/Email"}},
              "phones": {"type": "array", "items": {"$ref": "#/components/schemas/Phone"}},
              "company": {"type": ["string", "null"]}, "job_title": {"type": ["string", "null"]},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Address"}},
              "notes": {"type": ["string", "null"]}, "avatar_path": {"type": ["string", "null"]},
              "tags": {"type": "array", "items": {"type": "string"}},
              "custom_fields": {"type": ["object", "null"]}, "source": {"type": "string"},
              "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
              "deleted_at": {"type": ["string", "null"], "format": "date-time"}}},
          "ContactInput": {"type": "object", "additionalProperties": false, "properties": {
              "display_name": {"type": "string"}, "first_name": {"type": ["string", "null"]}, "last_name": {"type": ["string", "null"]},
              "emails": {"type": "array", "items": {"$ref": "#/components/schemas/Email"}},
              "phones": {"type": "array", "items": {"$ref": "#/components/schemas/Phone"}},
              "company": {"type": ["string", "null"]}, "job_title": {"type": ["string", "null"]},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Address"}},
              "notes": {"type": ["string", "null"]}, "avatar_path": {"type": ["string", "null"]},
              "tags": {"type": "array", "items": {"type": "string"}}, "custom_fields": {"type": ["object", "null"]},
              "source": {"type": "string", "description": "Only at create; read-only afterwards."}}},
          "ContactRecord": {"type": "object", "required": ["data"], "properties": {"data": {"$ref": "#/components/schemas/Contact"}}},
          "ContactList": {"type": "object", "required": ["data", "meta"], "properties": {
            "data": {"type": "array", "items": {"type": "object"}},
            "meta": {"type": "object", "required": ["total", "limit", "offset", "has_more"], "properties": {
              "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "has_more": {"type": "boolean"}}}}},
          "StatusRecord": {"type": "object", "required": ["data"], "properties": {"data": {"type": "object", "properties": {
            "contacts": {"type": "integer"}, "deleted": {"type": "integer"}, "groups": {"type": "integer"},
            "problems": {"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "reason": {"type": "string"}}}},
            "warnings": {"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "reason": {"type": "string"}}}},
            "watching": {"type": "boolean"}, "version": {"type": "string"}}}}},
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "enum": ["BAD_REQUEST", "VALIDATION_ERROR", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED",
              "CONFLICT", "PRECONDITION_FAILED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "HEADERS_TOO_LARGE", "INTERNAL_ERROR",
              "REQUEST_TIMEOUT", "NOT_IMPLEMENTED", "HTTP_VERSION_NOT_SUPPORTED"]},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}}}}}
        }
      }
    }
    """#
}
