# One image, every role: `up` (all-in-one), `gateway`, `router`, `deliverer`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl standalone -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/hookline hookline && mkdir -p /var/lib/hookline && chown hookline /var/lib/hookline
COPY --from=build /src/standalone/target/hookline-standalone-*-exec.jar /app/hookline.jar
USER hookline
WORKDIR /var/lib/hookline
ENTRYPOINT ["java", "-jar", "/app/hookline.jar"]
CMD ["up"]
