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
