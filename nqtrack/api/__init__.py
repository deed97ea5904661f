"""The REST API under /api/ (django-ninja): OpenAPI, personal access tokens, DHIS2 data values, SDMX."""
