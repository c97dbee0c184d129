# ir-feed daemon image: dependencies from the hashed lock file, the package built in a first
# stage, only the virtual environment carried into the runtime stage.
#   docker build -t ir-feed .
#   docker run -p 127.0.0.1:8080:8080 -v ir-feed-data:/data ir-feed          # the shipped config.yaml
#   docker run -v $PWD/my.yaml:/etc/ir-feed/config.yaml:ro -v ir-feed-data:/data ir-feed
#
# The base image: pin it by digest for a reproducible build (docs/operations.md, "The image"):
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:<digest> -t ir-feed .
# where <digest> is what `docker buildx imagetools inspect python:3.11-slim` prints today.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/ir-feed
WORKDIR /src
# every dependency pinned and hash-checked; nothing resolved at build time
COPY requirements.lock ./
RUN /opt/ir-feed/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY ir_feed ./ir_feed
COPY migrations ./migrations
COPY docs/webhook.schema.json ./docs/webhook.schema.json
RUN /opt/ir-feed/bin/pip install --no-deps . && /opt/ir-feed/bin/pip check

FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/ir-feed/bin:$PATH
COPY --from=build /opt/ir-feed /opt/ir-feed
RUN useradd --system --create-home --uid 10001 irfeed \
 && mkdir -p /data /etc/ir-feed && chown irfeed /data
COPY config.yaml /etc/ir-feed/config.yaml

# Inside a container the API must listen on all interfaces to be published
# (`docker run -p 127.0.0.1:8080:8080 ...`); set IR_FEED_API_TOKEN for writes.
ENV IR_FEED_CONFIG=/etc/ir-feed/config.yaml \
    IR_FEED_DATABASE_URL=sqlite:////data/ir_feed.db \
    IR_FEED_API_HOST=0.0.0.0
EXPOSE 8080
VOLUME ["/data"]
WORKDIR /data
USER irfeed

# /healthz answers while the process serves (docs/operations.md); the slim image has no curl
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]

ENTRYPOINT ["ir-feed"]
CMD ["run"]
