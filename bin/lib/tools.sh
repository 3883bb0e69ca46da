# Sourced by the scripts in bin/: runs a class of the tools module (the command-line client, the
# local broker launchers, the benchmark) on its runtime classpath, building it first when needed.
# Expects the repository root as the working directory.

TOOLS_CLASSPATH_FILE=.workchain/tools.classpath

# Builds the tools module (and the modules it needs) when its classes are missing, then writes its
# runtime classpath when that is missing or older than a pom. SKIP_BUILD=1 never builds.
tools_build() {
  if [ -n "${SKIP_BUILD:-}" ] && [ -f "$TOOLS_CLASSPATH_FILE" ]; then return 0; fi
  mkdir -p .workchain
  if [ ! -f tools/target/classes/io/workchain/tools/cli/WorkchainCommand.class ]; then
    ./mvnw -B -q -pl tools -am install -DskipTests
  fi
  if [ ! -f "$TOOLS_CLASSPATH_FILE" ] || [ -n "$(find . -maxdepth 2 -name pom.xml -newer "$TOOLS_CLASSPATH_FILE")" ]; then
    ./mvnw -B -q -pl tools dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$PWD/$TOOLS_CLASSPATH_FILE"
  fi
}

# tools_java [JVM options...] MAIN_CLASS [arguments...]
tools_java() {
  java -cp "tools/target/classes:$(cat "$TOOLS_CLASSPATH_FILE")" "$@"
}
