# ir-feed daemon image.  Mirrors the README's install: `pip install .`.
#   docker build -t ir-feed .
#   docker run -v ir-feed-data:/data ir-feed                 # the shipped config.yaml
#   docker run -v $PWD/my.yaml:/etc/ir-feed/config.yaml:ro -v ir-feed-data:/data ir-feed
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY ir_feed ./ir_feed
COPY migrations ./migrations
COPY docs/webhook.schema.json ./docs/webhook.schema.json
RUN pip install . && rm -rf /src

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

ENTRYPOINT ["ir-feed"]
CMD ["run"]
