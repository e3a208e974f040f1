# syntax=docker/dockerfile:1
# Stage 1: build the PWA (skipped gracefully while pwa/ has no package.json).
FROM node:20-bookworm-slim AS pwa
WORKDIR /src
COPY pwa/ ./pwa/
RUN if [ -f pwa/package.json ]; then \
      cd pwa && npm ci --no-audit --no-fund && npm run build; \
    else \
      mkdir -p pwa/dist; \
    fi

# Stage 2: install the Python package into a virtual environment.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/dxnet
COPY pyproject.toml README.md ./
COPY api/ ./api/
COPY schema/ ./schema/
COPY core/ ./core/
COPY network/ ./network/
COPY accounts/ ./accounts/
COPY recognition/ ./recognition/
COPY activities/ ./activities/
COPY surveys/ ./surveys/
COPY knowledge/ ./knowledge/
COPY projects/ ./projects/
COPY support/ ./support/
COPY demo/ ./demo/
COPY i18n/ ./i18n/
COPY migrations/ ./migrations/
RUN /opt/dxnet/bin/pip install .

# Stage 3: the runtime image: slim Python, non-root user, health check.
FROM python:3.11-slim-bookworm
ENV PATH=/opt/dxnet/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DXNET_ENV=production \
    DXNET_HOST=0.0.0.0 \
    DXNET_PORT=8000 \
    DXNET_VAR_DIR=/var/lib/dxnet \
    DXNET_PWA_DIST=/app/pwa/dist
RUN groupadd --system dxnet && useradd --system --gid dxnet --home-dir /app dxnet \
    && mkdir -p /app /var/lib/dxnet && chown dxnet:dxnet /var/lib/dxnet
COPY --from=build /opt/dxnet /opt/dxnet
COPY --from=pwa /src/pwa/dist /app/pwa/dist
WORKDIR /app
USER dxnet
EXPOSE 8000
VOLUME ["/var/lib/dxnet"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
# Apply migrations, then serve. Set DXNET_SECRET_KEY and DXNET_DATABASE_URL at run time.
CMD ["sh", "-c", "dxnet migrate && dxnet seed && exec dxnet serve --workers ${DXNET_WORKERS:-1}"]
