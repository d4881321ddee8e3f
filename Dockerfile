# regatlas web app and API. Build: docker build -t regatlas .   Run: docker run -p 8000:8000 regatlas
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY regatlas ./regatlas
RUN pip install --no-cache-dir . && regatlas build
ENV REGATLAS_HOME=/root/.cache/regatlas
EXPOSE 8000
USER root
CMD ["regatlas", "serve", "--host", "0.0.0.0", "--port", "8000"]
