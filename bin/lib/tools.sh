# Sourced by the scripts in bin/: runs a class of the cli module (the command-line client) or of the
# tools module (the local broker launchers, the benchmark) on that module's runtime classpath,
# building it first when needed. Two modules, two classpaths: the command line runs without the
# test fixtures (embedded Kafka broker, JUnit) that the launchers and the benchmark are built on.
# Expects the repository root as the working directory.

CLI_CLASSPATH_FILE=.workchain/cli.classpath
TOOLS_CLASSPATH_FILE=.workchain/tools.classpath

# module_build MODULE CLASS_FILE CLASSPATH_FILE: builds MODULE (and the modules it needs) when
# CLASS_FILE is missing from its classes, then writes its runtime classpath to CLASSPATH_FILE when
# that is missing or older than a pom. SKIP_BUILD=1 never builds.
module_build() {
  local module=$1 class_file=$2 classpath_file=$3
  if [ -n "${SKIP_BUILD:-}" ] && [ -f "$classpath_file" ]; then return 0; fi
  mkdir -p .workchain
  if [ ! -f "$module/target/classes/$class_file" ]; then
    ./mvnw -B -q -pl "$module" -am install -DskipTests
  fi
  if [ ! -f "$classpath_file" ] || [ -n "$(find . -maxdepth 2 -name pom.xml -newer "$classpath_file")" ]; then
    # includeScope (the plugin's property has no mdep. prefix) keeps test-scope jars out: without
    # it the command line would run with its tests' broker and JUnit on the classpath.
    ./mvnw -B -q -pl "$module" dependency:build-classpath -DincludeScope=runtime \
        -Dmdep.outputFile="$PWD/$classpath_file"
  fi
}

cli_build() {
  module_build cli io/workchain/cli/WorkchainCommand.class "$CLI_CLASSPATH_FILE"
}

tools_build() {
  module_build tools io/workchain/tools/local/LocalKafkaBroker.class "$TOOLS_CLASSPATH_FILE"
}

# cli_java [JVM options...] MAIN_CLASS [arguments...]
cli_java() {
  java -cp "cli/target/classes:$(cat "$CLI_CLASSPATH_FILE")" "$@"
}

# service_java_home: the JDK the services run on (the run script, the benchmark): $WORKCHAIN_SERVICE_JAVA_HOME,
# else Temurin 25 where it is installed (its AOT cache: docs/performance.md, "Cold start"), else the
# JDK that runs `java` (17 is enough; the services then start without an AOT cache).
service_java_home() {
  if [ -n "${WORKCHAIN_SERVICE_JAVA_HOME:-}" ]; then echo "$WORKCHAIN_SERVICE_JAVA_HOME"; return; fi
  for home in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
    if [ -x "$home/bin/java" ]; then echo "$home"; return; fi
  done
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

# service_aot_ready: whether every service has an AOT cache newer than its jar (trained after its last build).
service_aot_ready() {
  local module
  for module in demo-service gateway esb notifier; do
    [ "$module/target/quarkus-app/app.aot" -nt "$module/target/quarkus-app/quarkus-run.jar" ] || return 1
  done
}

# service_jdk_release HOME: the JDK's feature release (17, 25) from its release file.
service_jdk_release() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || echo 0
}
