# Aftersales Hub image.
#   docker build -t aftersales-hub .
# Without DATABASE_URL / ARTEMIS_URL / SMTP_HOST the container runs the embedded default
# (embedded PostgreSQL, embedded Artemis, dev mailbox) with its data under /data;
# docker-compose.yml runs it against real PostgreSQL and Artemis.

# ---- build ----------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml mvnw ./
COPY .mvn .mvn
COPY src src
COPY rules rules
COPY routes routes
RUN mvn -B -DskipTests package \
 && set -- target/aftersales-hub-*.jar \
 && [ "$#" -eq 1 ] && [ -f "$1" ] \
 && cp "$1" /build/hub.jar

# ---- runtime --------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system hub \
 && useradd --system --gid hub --home-dir /app --shell /usr/sbin/nologin hub \
 && mkdir -p /app /data \
 && chown hub:hub /data
WORKDIR /app
COPY --from=build /build/hub.jar /app/hub.jar
# owned by the hub user, so that the hub can read and replace them
COPY --from=build --chown=hub:hub /build/rules /app/rules
COPY --from=build --chown=hub:hub /build/routes /app/routes
ENV HUB_DATA_DIR=/data
# inside a container the hub must listen beyond loopback (outside one it listens on 127.0.0.1 by default)
ENV HUB_BIND_ADDRESS=0.0.0.0
USER hub
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/hub.jar"]
