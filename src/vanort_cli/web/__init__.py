"""The web front (`vanort serve`): server-rendered pages over the same services
and rules as the commands, for the contacts who have no terminal and for the
office. Imports FastAPI, Starlette, Jinja2 and uvicorn, which no other room
does; it imports services/ and below, never cli/."""
