/// The OpenAPI 3.1 document of the API, served at `GET /api/v1/openapi.json`.
/// `OpenAPIDocumentTests` fails when a route exists that the document lacks, or
/// the other way round, and schemathesis (`Tests/Interop/schemathesis.sh`, run by
/// `.ci/run`) checks that the server answers as it says.
///
/// `servers` is `/`: the paths are absolute, so the document holds for whatever
/// host and port the server was started on.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)

    static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Cardbox",
        "version": "0.1.0",
        "description": "A contacts server whose database is a folder of vCard files. Every change, through the API or to the files, is pushed as an event on /api/v1/events. Every error answer is {\"error\": {\"code\", \"message\"}}, with \"details\" (one entry per offending field) on 422. Besides the statuses listed per operation, the HTTP layer may answer 408 (a request head slower than 10 s), 417 (an Expect other than 100-continue), 501 (an unknown method or transfer coding) and 505 (an HTTP version other than 1.0 and 1.1), in the same envelope."
      },
      "servers": [{"url": "/", "description": "The server that serves this document"}],
      "security": [{}, {"bearer": []}],
      "paths": {
        "/api/v1/contacts": {
          "get": {
            "summary": "List contacts",
            "operationId": "listContacts",
            "parameters": [
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 20}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647, "default": 0}},
              {
                "name": "sort",
                "in": "query",
                "schema": {"type": "string", "enum": ["display_name", "created_at", "updated_at", "company"], "default": "display_name"}
              },
              {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"], "default": "asc"}},
              {
                "name": "search",
                "in": "query",
                "description": "Whitespace-separated terms, all must match (case- and accent-insensitive; digit terms also match phone digits).",
                "schema": {"type": "string"}
              },
              {
                "name": "tag",
                "in": "query",
                "description": "Repeatable; all given tags must be present (case-insensitive).",
                "schema": {"type": "array", "items": {"type": "string"}},
                "style": "form",
                "explode": true
              },
              {"name": "company", "in": "query", "description": "Part of the company name, case- and accent-insensitive.", "schema": {"type": "string"}},
              {"name": "source", "in": "query", "description": "Exact source (api, import, file, …).", "schema": {"type": "string"}},
              {
                "name": "include_deleted",
                "in": "query",
                "description": "Also list soft-deleted contacts.",
                "schema": {"$ref": "#/components/schemas/Flag"}
              },
              {
                "name": "only_deleted",
                "in": "query",
                "description": "Only soft-deleted contacts (the trash); wins over include_deleted.",
                "schema": {"$ref": "#/components/schemas/Flag"}
              },
              {"$ref": "#/components/parameters/Format"}
            ],
            "responses": {
              "200": {"description": "A page of contacts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactList"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "summary": "Create a contact",
            "operationId": "createContact",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactCreation"}}}},
            "responses": {
              "201": {
                "description": "Created",
                "headers": {
                  "Location": {"description": "/api/v1/contacts/{id}", "schema": {"type": "string"}},
                  "ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}
                },
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {
            "summary": "Get a contact (404 when soft-deleted)",
            "operationId": "getContact",
            "parameters": [
              {"$ref": "#/components/parameters/Format"},
              {
                "name": "If-None-Match",
                "in": "header",
                "required": false,
                "description": "ETags (or *); a match answers 304.",
                "schema": {"type": "string"}
              }
            ],
            "responses": {
              "200": {
                "description": "The contact",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "304": {
                "description": "Not modified (If-None-Match matched)",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}}
              },
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "summary": "Change some fields of a contact",
            "operationId": "patchContact",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactChanges"}}}},
            "responses": {
              "200": {
                "description": "The changed contact",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Soft-delete a contact, or remove its file with permanent=true",
            "operationId": "deleteContact",
            "parameters": [
              {"$ref": "#/components/parameters/IfMatch"},
              {
                "name": "permanent",
                "in": "query",
                "description": "Remove the file (also of a soft-deleted contact) instead of moving the contact to the trash.",
                "schema": {"$ref": "#/components/schemas/Flag"}
              }
            ],
            "responses": {
              "200": {
                "description": "Soft-deleted",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "204": {"description": "Permanently deleted"},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/custom": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "patch": {
            "summary": "Merge custom fields (null removes a key)",
            "operationId": "patchCustomFields",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomFields"}}}},
            "responses": {
              "200": {
                "description": "The changed contact",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/restore": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "post": {
            "summary": "Restore a soft-deleted contact (409 if it is not deleted)",
            "operationId": "restoreContact",
            "parameters": [{"$ref": "#/components/parameters/IfMatch"}],
            "responses": {
              "200": {
                "description": "The restored contact",
                "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}
              },
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "412": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
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
        "/api/v1/contacts/{id}/merge": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "post": {
            "summary": "Merge duplicates into this contact, nothing lost",
            "description": "The contact gains every email, phone, address and tag of the others that it lacks, their custom keys it lacks, its empty fields are filled, differing notes are joined, and every other property of their files (BDAY, URL, IMPP, photos, X- properties) is carried over when it has none of that name. The others go to the trash marked X-MERGED-INTO:<id>; restoring one brings it back (the contact merged into keeps what it gained). Events: one contact.updated, one contact.deleted per merged contact. With dry_run=true nothing is written and the answer is the contact as it would be.",
            "operationId": "mergeContacts",
            "parameters": [
              {"name": "dry_run", "in": "query", "schema": {"type": "boolean", "default": false}}
            ],
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {
                "type": "object", "required": ["from"], "additionalProperties": false,
                "properties": {"from": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 100, "uniqueItems": true}}
              }}}
            },
            "responses": {
              "200": {"description": "The contact merged into, as it is now (or would be)", "headers": {"ETag": {"description": "Strong ETag of the file's bytes (not on a dry run)", "schema": {"type": "string"}}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/history": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {
            "summary": "The contact's versions in the folder's git history, newest first",
            "description": "Every commit that changed the contact's file (hand commits included), also for a contact whose file is gone. A file renamed by hand is a new contact: its history starts at the rename. 409 NOT_A_GIT_REPOSITORY outside a git work tree or without git.",
            "operationId": "contactHistory",
            "parameters": [
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 20}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647, "default": 0}}
            ],
            "responses": {
              "200": {"description": "A page of versions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HistoryList"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/history/{commit}": {
          "parameters": [{"$ref": "#/components/parameters/Id"}, {"$ref": "#/components/parameters/Commit"}],
          "get": {
            "summary": "The contact as it was in a commit",
            "description": "404 when the commit is unknown or has no file for the contact; 409 NOT_A_GIT_REPOSITORY outside a git work tree.",
            "operationId": "contactVersion",
            "responses": {
              "200": {"description": "The contact at that commit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/contacts/{id}/revert": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "post": {
            "summary": "Bring back the contact as it was in a commit, as a normal change",
            "description": "A live or trashed contact is changed to that version with a minimal diff; a contact whose file is gone is re-created from that version's bytes. One event; committed under --git. 409 NOT_A_GIT_REPOSITORY outside a git work tree.",
            "operationId": "revertContact",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {
                "type": "object", "required": ["commit"], "additionalProperties": false,
                "properties": {"commit": {"type": "string", "pattern": "^[0-9a-fA-F]{4,64}$"}}
              }}}
            },
            "responses": {
              "200": {"description": "The contact as it is now", "headers": {"ETag": {"description": "Strong ETag of the file's bytes", "schema": {"type": "string"}}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactRecord"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/status": {
          "get": {
            "summary": "Counts, problem files and warnings",
            "operationId": "getStatus",
            "responses": {
              "200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StatusRecord"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/events": {
          "get": {
            "summary": "Live events over a WebSocket (RFC 6455 upgrade)",
            "description": "One text frame per change: {seq, type, id, at, origin, data, permanent (deletes only)}. ?since=SEQ replays kept events after SEQ first, or sends {\"type\":\"resync\"} if they are gone. The token may also be given as ?token=.",
            "operationId": "events",
            "parameters": [
              {"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0}},
              {
                "name": "types",
                "in": "query",
                "description": "Comma-separated: contact.created, contact.updated, contact.deleted, contact.restored",
                "schema": {"type": "string"}
              },
              {"name": "token", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {
              "101": {"description": "Switching Protocols to WebSocket"},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "426": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/openapi.json": {
          "get": {
            "summary": "This document",
            "operationId": "getOpenAPI",
            "responses": {
              "200": {"description": "OpenAPI 3.1 document", "content": {"application/json": {"schema": {"type": "object"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "431": {"$ref": "#/components/responses/Error"},
              "500": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Required when the server runs with --token."}},
        "parameters": {
          "Id": {"name": "id", "in": "path", "required": true, "description": "The file name without .vcf", "schema": {"type": "string"}},
          "IfMatch": {
            "name": "If-Match",
            "in": "header",
            "required": false,
            "description": "The ETag the change is based on; a stale one answers 412.",
            "schema": {"type": "string"}
          },
          "Format": {
            "name": "format",
            "in": "query",
            "description": "compact: null and empty keys left out (lists: short items).",
            "schema": {"type": "string", "enum": ["compact"]}
          },
          "Commit": {
            "name": "commit",
            "in": "path",
            "required": true,
            "description": "A commit id, full or abbreviated: 4 to 64 hex digits (else 400).",
            "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{4,64}$"}
          }
        },
        "responses": {"Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        "schemas": {
          "Flag": {"type": "string", "enum": ["true", "false", "1", "0"]},
          "Text": {
            "description": "Text with a character that is not whitespace, and no control characters once leading and trailing whitespace is trimmed.",
            "type": "string",
            "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
            "not": {
              "anyOf": [
                {"pattern": "[\\u0000-\\u0008\\u000e-\\u001f\\u007f]"},
                {
                  "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][\\s\\S]*[\\t-\\r][\\s\\S]*[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
                }
              ]
            }
          },
          "OptionalText": {
            "description": "Trimmed text; blank or null clears the field.",
            "anyOf": [
              {"type": "null"},
              {"type": "string", "not": {"pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"}},
              {"$ref": "#/components/schemas/Text"}
            ]
          },
          "PlainText": {
            "description": "Text without control characters; blank or null clears the field.",
            "anyOf": [
              {"type": "null"},
              {"type": "string", "not": {"pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"}},
              {"type": "string", "not": {"pattern": "[\\u0000-\\u001f\\u007f]"}}
            ]
          },
          "MultiLineText": {
            "description": "Text whose only control characters are tab, line feed and carriage return; blank or null clears the field.",
            "anyOf": [
              {"type": "null"},
              {"type": "string", "not": {"pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"}},
              {"type": "string", "not": {"pattern": "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]"}}
            ]
          },
          "Line": {
            "description": "One line of text: trimmed, not empty, no line break, no control characters.",
            "type": "string",
            "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
            "not": {
              "anyOf": [
                {"pattern": "[\\u0000-\\u0008\\u000e-\\u001f\\u007f]"},
                {
                  "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][\\s\\S]*[\\t-\\r\\u0085\\u2028\\u2029][\\s\\S]*[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
                }
              ]
            }
          },
          "Tag": {
            "description": "A tag: trimmed, not empty, no line break anywhere, no control characters.",
            "type": "string",
            "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
            "not": {
              "anyOf": [
                {"pattern": "[\\u0000-\\u0008\\u000e-\\u001f\\u007f]"},
                {"pattern": "[\\n\\u000b\\f\\r\\u0085\\u2028\\u2029]"},
                {
                  "pattern": "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][\\s\\S]*\\t[\\s\\S]*[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
                }
              ]
            }
          },
          "Source": {
            "description": "Where the contact came from: one line, blanks and tabs trimmed, no control characters.",
            "type": "string",
            "pattern": "[^\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]",
            "not": {
              "anyOf": [
                {"pattern": "[\\u0000-\\u0008\\u000e-\\u001f\\u007f]"},
                {"pattern": "[\\n\\u000b\\f\\r\\u0085\\u2028\\u2029]"},
                {
                  "pattern": "[^\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000][\\s\\S]*\\t[\\s\\S]*[^\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]"
                }
              ]
            }
          },
          "EmailAddress": {
            "description": "Exactly one @ with text on both sides and no whitespace (leading and trailing whitespace is trimmed).",
            "type": "string",
            "pattern": "^[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*[^@\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000-\\u001f\\u007f]+@[^@\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000-\\u001f\\u007f]+[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"
          },
          "Email": {
            "type": "object",
            "required": ["address"],
            "additionalProperties": false,
            "properties": {
              "address": {"$ref": "#/components/schemas/EmailAddress"},
              "label": {"description": "Default other.", "enum": ["work", "personal", "other", null]},
              "primary": {"type": ["boolean", "null"]}
            }
          },
          "Phone": {
            "type": "object",
            "required": ["number"],
            "additionalProperties": false,
            "properties": {
              "number": {"$ref": "#/components/schemas/Line"},
              "label": {"description": "Default other.", "enum": ["mobile", "work", "home", "other", null]},
              "primary": {"type": ["boolean", "null"]}
            }
          },
          "Address": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "street": {
                "description": "May span lines.",
                "anyOf": [{"type": "null"}, {"type": "string", "not": {"pattern": "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]"}}]
              },
              "city": {"$ref": "#/components/schemas/AddressLine"},
              "state": {"$ref": "#/components/schemas/AddressLine"},
              "postal_code": {"$ref": "#/components/schemas/AddressLine"},
              "country": {"$ref": "#/components/schemas/AddressLine"},
              "label": {"description": "Default other.", "enum": ["home", "work", "other", null]}
            }
          },
          "AddressLine": {"anyOf": [{"type": "null"}, {"type": "string", "not": {"pattern": "[\\u0000-\\u001f\\u007f]"}}]},
          "StoredAddress": {
            "type": "object",
            "additionalProperties": false,
            "required": ["street", "city", "state", "postal_code", "country", "label"],
            "properties": {
              "street": {"type": ["string", "null"]},
              "city": {"type": ["string", "null"]},
              "state": {"type": ["string", "null"]},
              "postal_code": {"type": ["string", "null"]},
              "country": {"type": ["string", "null"]},
              "label": {"enum": ["home", "work", "other"]}
            }
          },
          "OnePrimary": {
            "description": "At most one entry is primary.",
            "contains": {"type": "object", "required": ["primary"], "properties": {"primary": {"const": true}}},
            "minContains": 0,
            "maxContains": 1
          },
          "Tags": {
            "description": "Tags compare case-insensitively after trimming: no two may be equal.",
            "type": "array",
            "uniqueItems": true,
            "items": {"$ref": "#/components/schemas/Tag"}
          },
          "CustomFields": {
            "description": "Keys: not empty, no control characters. Values: any JSON (text may hold tab and line breaks, no other control characters); null removes the key (PATCH /custom) or is left out.",
            "type": "object",
            "propertyNames": {"pattern": "[^\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]", "not": {"pattern": "[\\u0000-\\u001f\\u007f]"}},
            "additionalProperties": {
              "anyOf": [{"not": {"type": "string"}}, {"type": "string", "not": {"pattern": "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]"}}]
            }
          },
          "Contact": {
            "type": "object",
            "required": [
              "id",
              "display_name",
              "first_name",
              "last_name",
              "emails",
              "phones",
              "company",
              "job_title",
              "addresses",
              "notes",
              "avatar_path",
              "tags",
              "custom_fields",
              "source",
              "created_at",
              "updated_at",
              "deleted_at"
            ],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string"},
              "display_name": {"type": "string"},
              "first_name": {"type": ["string", "null"]},
              "last_name": {"type": ["string", "null"]},
              "emails": {"type": "array", "items": {"$ref": "#/components/schemas/StoredEmail"}},
              "phones": {"type": "array", "items": {"$ref": "#/components/schemas/StoredPhone"}},
              "company": {"type": ["string", "null"]},
              "job_title": {"type": ["string", "null"]},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/StoredAddress"}},
              "notes": {"type": ["string", "null"]},
              "avatar_path": {"type": ["string", "null"]},
              "tags": {"type": "array", "items": {"type": "string"}},
              "custom_fields": {"type": ["object", "null"]},
              "source": {"type": "string"},
              "created_at": {"type": "string", "format": "date-time"},
              "updated_at": {"type": "string", "format": "date-time"},
              "deleted_at": {"type": ["string", "null"], "format": "date-time"}
            }
          },
          "StoredEmail": {
            "type": "object",
            "required": ["address", "label", "primary"],
            "additionalProperties": false,
            "properties": {"address": {"type": "string"}, "label": {"enum": ["work", "personal", "other"]}, "primary": {"type": "boolean"}}
          },
          "StoredPhone": {
            "type": "object",
            "required": ["number", "label", "primary"],
            "additionalProperties": false,
            "properties": {"number": {"type": "string"}, "label": {"enum": ["mobile", "work", "home", "other"]}, "primary": {"type": "boolean"}}
          },
          "CompactContact": {
            "description": "GET /contacts/{id}?format=compact: the contact with null and empty keys left out.",
            "type": "object",
            "required": ["id", "display_name", "source", "created_at", "updated_at"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string"},
              "display_name": {"type": "string"},
              "first_name": {"type": "string"},
              "last_name": {"type": "string"},
              "emails": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/StoredEmail"}},
              "phones": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/StoredPhone"}},
              "company": {"type": "string"},
              "job_title": {"type": "string"},
              "addresses": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/StoredAddress"}},
              "notes": {"type": "string"},
              "avatar_path": {"type": "string"},
              "tags": {"type": "array", "minItems": 1, "items": {"type": "string"}},
              "custom_fields": {"type": "object", "minProperties": 1},
              "source": {"type": "string"},
              "created_at": {"type": "string", "format": "date-time"},
              "updated_at": {"type": "string", "format": "date-time"},
              "deleted_at": {"type": "string", "format": "date-time"}
            }
          },
          "CompactListItem": {
            "description": "GET /contacts?format=compact: email and phone are the primary (else first) ones; null and empty keys left out.",
            "type": "object",
            "required": ["id", "display_name"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string"},
              "display_name": {"type": "string"},
              "email": {"type": "string"},
              "phone": {"type": "string"},
              "company": {"type": "string"},
              "job_title": {"type": "string"},
              "tags": {"type": "array", "minItems": 1, "items": {"type": "string"}},
              "deleted_at": {"type": "string", "format": "date-time"}
            }
          },
          "ContactFields": {
            "description": "The writable fields, shared by creation and changes. Unknown and read-only fields (id, created_at, updated_at, deleted_at) are refused with 422.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "display_name": {"$ref": "#/components/schemas/Text"},
              "first_name": {"$ref": "#/components/schemas/OptionalText"},
              "last_name": {"$ref": "#/components/schemas/OptionalText"},
              "emails": {"type": "array", "items": {"$ref": "#/components/schemas/Email"}, "allOf": [{"$ref": "#/components/schemas/OnePrimary"}]},
              "phones": {"type": "array", "items": {"$ref": "#/components/schemas/Phone"}, "allOf": [{"$ref": "#/components/schemas/OnePrimary"}]},
              "company": {"$ref": "#/components/schemas/PlainText"},
              "job_title": {"$ref": "#/components/schemas/PlainText"},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Address"}},
              "notes": {"$ref": "#/components/schemas/MultiLineText"},
              "avatar_path": {
                "description": "An absolute path without control characters; null clears it.",
                "anyOf": [{"type": "null"}, {"type": "string", "pattern": "^/", "not": {"pattern": "[\\u0000-\\u001f\\u007f]"}}]
              },
              "tags": {"$ref": "#/components/schemas/Tags"},
              "custom_fields": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/CustomFields"}]},
              "source": {"$ref": "#/components/schemas/Source"}
            }
          },
          "ContactCreation": {
            "description": "display_name is required unless first_name or last_name is given; then it is built as \"first last\".",
            "allOf": [{"$ref": "#/components/schemas/ContactFields"}],
            "anyOf": [
              {"required": ["display_name"]},
              {"required": ["first_name"], "properties": {"first_name": {"$ref": "#/components/schemas/Text"}}},
              {"required": ["last_name"], "properties": {"last_name": {"$ref": "#/components/schemas/Text"}}}
            ]
          },
          "ContactChanges": {
            "description": "Only the fields sent change; source is read-only after creation.",
            "allOf": [{"$ref": "#/components/schemas/ContactFields"}],
            "not": {"required": ["source"]}
          },
          "ContactRecord": {
            "type": "object",
            "required": ["data"],
            "additionalProperties": false,
            "properties": {"data": {"anyOf": [{"$ref": "#/components/schemas/Contact"}, {"$ref": "#/components/schemas/CompactContact"}]}}
          },
          "ContactList": {
            "type": "object",
            "required": ["data", "meta"],
            "additionalProperties": false,
            "properties": {
              "data": {"type": "array", "items": {"anyOf": [{"$ref": "#/components/schemas/Contact"}, {"$ref": "#/components/schemas/CompactListItem"}]}},
              "meta": {
                "type": "object",
                "required": ["total", "limit", "offset", "has_more"],
                "additionalProperties": false,
                "properties": {
                  "total": {"type": "integer", "minimum": 0},
                  "limit": {"type": "integer", "minimum": 0},
                  "offset": {"type": "integer", "minimum": 0},
                  "has_more": {"type": "boolean"}
                }
              }
            }
          },
          "HistoryList": {
            "type": "object",
            "required": ["data", "meta"],
            "additionalProperties": false,
            "properties": {
              "data": {"type": "array", "items": {
                "type": "object",
                "required": ["commit", "at", "author", "message"],
                "additionalProperties": false,
                "properties": {
                  "commit": {"type": "string"},
                  "at": {"type": "string", "format": "date-time"},
                  "author": {"type": "string", "description": "Name <email>"},
                  "message": {"type": "string"}
                }
              }},
              "meta": {
                "type": "object",
                "required": ["total", "limit", "offset", "has_more"],
                "additionalProperties": false,
                "properties": {
                  "total": {"type": "integer", "minimum": 0},
                  "limit": {"type": "integer", "minimum": 0},
                  "offset": {"type": "integer", "minimum": 0},
                  "has_more": {"type": "boolean"}
                }
              }
            }
          },
          "StatusRecord": {
            "type": "object",
            "required": ["data"],
            "properties": {
              "data": {
                "type": "object",
                "required": ["contacts", "deleted", "groups", "problems", "warnings", "watching", "version"],
                "properties": {
                  "loading": {"type": "boolean", "description": "Present and true while the folder is still being loaded; the counts are those so far."},
                  "files_read": {"type": "integer", "description": "While loading: files read so far."},
                  "files_total": {"type": "integer", "description": "While loading: files in the folder."},
                  "contacts": {"type": "integer"},
                  "deleted": {"type": "integer"},
                  "groups": {"type": "integer"},
                  "problems": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["file", "line", "reason"],
                      "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "reason": {"type": "string"}}
                    }
                  },
                  "warnings": {
                    "type": "array",
                    "items": {"type": "object", "required": ["file", "reason"], "properties": {"file": {"type": "string"}, "reason": {"type": "string"}}}
                  },
                  "watching": {"type": "boolean"},
                  "version": {"type": "string"},
                  "git": {
                    "type": "object",
                    "description": "Only under --git-sync: where the sync with the remote stands (SPEC §9).",
                    "required": ["branch", "ahead", "behind", "last_sync", "last_error"],
                    "additionalProperties": false,
                    "properties": {
                      "branch": {"type": ["string", "null"], "description": "The branch that is synced; null before the first round or when HEAD is not on a branch."},
                      "ahead": {"type": "integer", "minimum": 0, "description": "Commits not on the remote yet, as of the last round."},
                      "behind": {"type": "integer", "minimum": 0, "description": "Commits of the remote not merged yet, as of the last round."},
                      "last_sync": {"type": ["string", "null"], "format": "date-time", "description": "When a round last pulled and pushed everything (RFC 3339, UTC); null before that."},
                      "last_error": {"type": ["string", "null"], "description": "Why the last round failed (network, a merge that could not complete and was aborted); null when it succeeded."}
                    }
                  }
                }
              }
            }
          },
          "Error": {
            "type": "object",
            "required": ["error"],
            "additionalProperties": false,
            "properties": {
              "error": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": false,
                "properties": {
                  "code": {
                    "type": "string",
                    "enum": [
                      "BAD_REQUEST",
                      "VALIDATION_ERROR",
                      "UNAUTHORIZED",
                      "FORBIDDEN",
                      "NOT_FOUND",
                      "METHOD_NOT_ALLOWED",
                      "REQUEST_TIMEOUT",
                      "CONFLICT",
                      "PRECONDITION_FAILED",
                      "PAYLOAD_TOO_LARGE",
                      "UNSUPPORTED_MEDIA_TYPE",
                      "EXPECTATION_FAILED",
                      "UPGRADE_REQUIRED",
                      "HEADERS_TOO_LARGE",
                      "INTERNAL_ERROR",
                      "NOT_IMPLEMENTED",
                      "LOADING",
                      "HTTP_VERSION_NOT_SUPPORTED",
                      "NOT_A_GIT_REPOSITORY"
                    ]
                  },
                  "message": {"type": "string"},
                  "details": {
                    "description": "On 422 only: one entry per offending field, e.g. emails[1].label.",
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["field", "message"],
                      "properties": {"field": {"type": "string"}, "message": {"type": "string"}}
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    """#
}
