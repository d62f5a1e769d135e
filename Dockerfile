# One image, every role: `up` (all-in-one), `gateway`, `router`, `deliverer`, `executor`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl standalone -am package

FROM eclipse-temurin:17-jre
# the executor's sandbox: bubblewrap and a system python3 (setpriv comes with util-linux)
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap python3 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /var/lib/hookline hookline && mkdir -p /var/lib/hookline && chown hookline /var/lib/hookline
COPY --from=build /src/standalone/target/hookline-standalone-*-exec.jar /app/hookline.jar
USER hookline
WORKDIR /var/lib/hookline
ENTRYPOINT ["java", "-jar", "/app/hookline.jar"]
CMD ["up"]
