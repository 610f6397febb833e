"""The REST base classes every domain app's ``api/`` builds on: viewsets, serializers, fields,
pagination, permissions, CSV/XLSX downloads and the response cache. The API app above routes
them; nothing here names a domain app."""
