package io.workchain.tools.bench;

import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.ServiceJvm;
import io.workchain.testing.ServiceProcess;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark: starts a broker, the four services (JVM mode) and two floors' relays (plain, and
 * exactly-once: {@link FloorRelay}), each its own process on loopback; then, for 1-step and 5-step
 * chains, measures Workchain and both floors side by side: the most each sustains (closed loop),
 * then latency at fixed rates (open loop, from the scheduled send time), with CPU seconds per
 * 1,000 chains for every process and each process's peak RSS; then Workchain and the plain floor
 * under overload (twice Workchain's maximum: goodput, every chain once, recovery); with
 * {@code --cold}, the first chains after the services restart against warm ones. Prints the
 * tables with Workchain's figures as ratios to both floors' and the targets, and writes them
 * (results.json, summary.md and an SVG plot of latency against rate) to {@code --out}.
 * Bounded in count and time; stops everything it started.
 *
 * <p>{@code --quick} (CI): short phases, 1-step and 5-step, two rates, a short overload and a short
 * cold phase. Default: longer phases and more rates. {@code --jfr}: a JFR recording of each service in {@code OUT/jfr} (written when the
 * services stop). {@code --native}: the services' native executables instead of their JVM jars
 * (where a native build exists; refused with what to build otherwise). Run with bin/workchain-bench.sh.
 */
public final class Benchmark {

    private final boolean quick;
    private final boolean closedOnly;
    /** The cold phase: with --cold, and in --quick's full form (not with --closed-only). */
    private final boolean cold;
    /** --train-only: the AOT caches trained, nothing measured. */
    private final boolean trainOnly;
    /** The Camel route runs beside the floors: in the full run, and with --closed-only --camel. */
    private final boolean camel;
    /** --memory's chains; 0: no memory phase. */
    private final int memoryChains;
    /** The command line of this run, for the summary. */
    private final String command;
    /** --closed-only's open-loop rates; empty: half of Workchain's best round. */
    private final List<Double> openRates;
    private final Path out;
    private final Scale scale;
    private final Map<String, Long> processes = new LinkedHashMap<>();
    private final List<Process> relays = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private List<Targets.Target> targets = List.of();
    private boolean peakRecorded;

    private static final String COLD_HOPS = "workchain.bench.cold-hops";

    /** The floors Workchain is measured against: plain, and with the forwarding hop exactly-once. */
    static final List<String> FLOORS = List.of("floor", "floor-eos");

    /**
     * What a user would build instead (issue 22, item 5): the Camel route, plain and with camel-kafka's
     * transactions, one process (module camel-route) serving both.
     */
    static final List<String> CAMEL = List.of("camel", "camel-eos");

    /** The module of the Camel route, and its consumer groups (as its routes name them). */
    static final String CAMEL_MODULE = "camel-route";
    static final List<String> CAMEL_GROUPS = List.of("workchain-camel", "workchain-camel-eos");

    /** The modules the benchmark starts (each needs its native executable under --native). */
    static final List<String> SERVICES = List.of("demo-service", "gateway", "esb", "notifier");

    /**
     * How many ESB and notifier instances (and floor relays of each role) on how many partitions,
     * and whether the services run as native executables.
     */
    record Scale(int instances, int partitions, boolean nativeImages, boolean aot) {}

    /**
     * Which phases run: --quick's short ones, --closed-only's A/B, the cold phase, or only the AOT
     * cache's training (--train-only); whether the Camel route runs beside the floors; and
     * --memory's chains (0: no memory phase, the floors and the measured phases instead).
     */
    record Plan(boolean quick, boolean closedOnly, boolean cold, boolean trainOnly, boolean camel, int memoryChains) {}

    private Benchmark(Plan plan, List<Double> openRates, Path out, Scale scale, String command) {
        this.quick = plan.quick();
        this.closedOnly = plan.closedOnly();
        this.cold = plan.cold();
        this.trainOnly = plan.trainOnly();
        this.camel = plan.camel();
        this.memoryChains = plan.memoryChains();
        this.openRates = openRates;
        this.command = command;
        this.out = out;
        this.scale = scale;
    }

    /** The command line of {@code bin/workchain-bench.sh}. */
    @Command(name = "workchain-bench", mixinStandardHelpOptions = true, description = "Measures Workchain beside the bare Kafka floor on this machine (see docs/performance.md).")
    static final class Options implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--quick", description = "short phases and two rates (what CI runs)")
        boolean quick;

        @Option(names = "--jfr", description = "a JFR recording of each service in OUT/jfr")
        boolean jfr;

        @Option(names = "--closed-only", description = "after the warm-up, only the one-step maximum (three rounds, "
                + "floor and Workchain taking turns) and both at half of it: a quicker A/B of a change")
        boolean closedOnly;

        @Option(names = "--camel", description = "with --closed-only: the Camel route too (plain and with camel-kafka's "
                + "transactions), the same chain as a user would build it instead; the full run always has it, --quick alone never (--quick --closed-only --camel: a short look)")
        boolean camel;

        @Option(names = "--rate", paramLabel = "R", split = ",", description = "with --closed-only: the open-loop rates (chains/s) instead of half the maximum, the same "
                + "in every run, so that latencies of an A/B compare at equal load (e.g. --rate 300,600)")
        List<Double> rates = new ArrayList<>();

        @Option(names = "--cold", description = "last, restart the services and measure the first 1,000 one-step chains "
                + "at 20/s against 1,000 on the warm services (200 in --quick, which always has it, except with --closed-only)")
        boolean cold;

        @Option(names = "--train-only", description = "only train the services' AOT caches (a JDK 25+ runs the services; "
                + "target/quarkus-app/app.aot beside each jar, which the run script then uses) and stop")
        boolean trainOnly;

        @Option(names = "--cold-hops", description = "in the cold phase, first 100 chains through the hop breakdown "
                + "(which hop is slow right after a restart; the first chain alone too), then the cold phase's own")
        void coldHops(boolean on) {
            System.setProperty(COLD_HOPS, Boolean.toString(on));
        }

        @Option(names = "--no-aot", description = "on a JDK with the AOT cache (25+), do not train one: the services start "
                + "without it (the lever measured off)")
        boolean noAot;

        @Option(names = "--native", description = "run the services' native executables (target/*-runner, built "
                + "with ./mvnw package -Dnative) instead of their JVM jars")
        boolean nativeImages;

        @Option(names = "--memory", description = "only the memory phase: the broker and the four services (no floors), "
                + "each one's RSS idle, every 10,000 of --memory-chains one-step chains (closed loop) and its peak")
        boolean memory;

        @Option(names = "--memory-chains", paramLabel = "N", defaultValue = "100000", description = "with --memory: "
                + "how many chains (default: ${DEFAULT-VALUE})")
        int memoryChains;

        @Option(names = "--out", paramLabel = "OUT", defaultValue = "target/bench", description = "where results.json, the plot and the logs go (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--instances", paramLabel = "N", defaultValue = "1", description = "ESB and notifier instances, and floor relays of each role (1 to 4; default: ${DEFAULT-VALUE})")
        int instances;

        @Option(names = "--partitions", paramLabel = "P", defaultValue = "3", description = "partitions of every topic, Workchain's and the floor's (1 to 24; default: ${DEFAULT-VALUE})")
        int partitions;

        @Override
        public Integer call() throws Exception {
            if (instances < 1 || instances > 4 || partitions < 1 || partitions > 24) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--instances must be 1 to 4, --partitions 1 to 24");
            }
            if (camel && (!closedOnly || trainOnly || nativeImages)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--camel goes with --closed-only "
                        + "(the full run always has the Camel route; --quick's own run, --train-only and --native never)");
            }
            if (nativeImages) {
                checkNativeExecutables();
            }
            if (!rates.isEmpty() && (!closedOnly || rates.stream().anyMatch(rate -> !(rate >= 1 && rate <= 100_000)))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--rate goes with --closed-only, 1 to 100000 chains/s");
            }
            if (memory && (closedOnly || cold || trainOnly || quick) || memoryChains < 1 || memoryChains > 1_000_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--memory runs alone (not with --quick, "
                        + "--closed-only, --cold or --train-only); --memory-chains 1 to 1000000");
            }
            String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
            boolean aot = !noAot && !nativeImages && ServiceJvm.hasAotCache();
            if (trainOnly && !aot) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--train-only needs the services on a JDK "
                        + "with the AOT cache (25 or later; WORKCHAIN_SERVICE_JAVA_HOME), without --no-aot or --native");
            }
            // The Camel route: in the full run (not --quick: CI stays short; not --native: it has no
            // native build here; not --memory: the broker and the four services only), and with
            // --closed-only --camel.
            boolean withCamel = closedOnly ? camel : !quick && !trainOnly && !nativeImages && !memory;
            Benchmark.run(new Plan(quick, closedOnly, cold || (quick && !closedOnly), trainOnly, withCamel,
                    memory ? memoryChains : 0), rates, jfr,
                    out,
                    new Scale(instances, partitions, nativeImages, aot), ("bin/workchain-bench.sh " + command).trim());
            return 0;
        }

        /** Every service needs its native executable, and a flight recording is a JVM's: said before anything starts. */
        private void checkNativeExecutables() {
            CommandLine commandLine = spec.commandLine();
            if (jfr) {
                throw new CommandLine.ParameterException(commandLine,
                        "--jfr records the JVM services; it does not go with --native");
            }
            Path root = Path.of(System.getProperty("workchain.root", "."));
            List<String> missing = SERVICES.stream()
                    .filter(module -> ServiceProcess.nativeExecutable(root, module).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, "--native: no native executable for "
                        + String.join(", ", missing) + "; " + ServiceProcess.NATIVE_BUILD_HINT);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    private static void run(Plan plan, List<Double> openRates, boolean jfr,
            Path out,
            Scale scale, String command) throws Exception {
        Files.createDirectories(out);
        if (jfr) {
            // A flight recording per service (JFR's profiling settings), to see where CPU per chain goes.
            Files.createDirectories(out.resolve("jfr"));
            // Added to the JVM options the script passed (WORKCHAIN_SERVICE_JVM_ARGS), if any.
            System.setProperty("workchain.service-jvm-args", (System.getProperty("workchain.service-jvm-args", "")
                    + " -XX:StartFlightRecording=settings=profile,filename=" + out.resolve("jfr").toAbsolutePath()
                    + "/{name}.jfr,dumponexit=true").trim());
        }
        System.setProperty("workchain.logs", out.resolve("logs").toString());
        // The services' JIT: full tiered compilation unless asked otherwise (WORKCHAIN_SERVICE_JIT in the
        // script), so the first minute can be measured under other settings (docs/performance.md).
        System.setProperty("workchain.service-jit",
                System.getProperty("workchain.service-jit", "-XX:+TieredCompilation"));
        System.setProperty(ServiceProcess.NATIVE, Boolean.toString(scale.nativeImages()));
        // The services warm up before ready as shipped, unless WORKCHAIN_WARM_UP_ROUNDS in the script
        // says how many rounds (0: none; the lever measured off).
        System.setProperty(ServiceProcess.WARM_UP_ROUNDS, System.getProperty(ServiceProcess.WARM_UP_ROUNDS, ""));
        // The services start recording their AOT cache; train() then restarts them on it.
        System.setProperty(ServiceJvm.AOT, scale.aot() ? "record" : "off");
        new Benchmark(plan, openRates, out, scale, command).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("workchain-bench-kafka-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(ServiceProcess.freePort(),
                ServiceProcess.freePort(), data)) {
            processes.put("broker+driver", ProcessHandle.current().pid());
            rows.add(Map.of("scale", Map.of("instances", scale.instances(), "partitions", scale.partitions(),
                    "services", scale.nativeImages() ? "native" : "jvm", "jdk", ServiceJvm.release(), "aot_cache",
                    scale.aot())));
            broker.createWorkchainTopics(scale.partitions());
            broker.createTopics(FloorRelay.PLAIN.all(), scale.partitions());
            broker.createTopics(FloorRelay.EOS.all(), scale.partitions());
            if (camel) {
                broker.createTopics(camelTargets().stream().flatMap(target -> List.of(target.inTopic(),
                        target.outTopic()).stream()).toList(), scale.partitions());
            }
            System.out.println(
                    "scale: " + scale.instances() + " ESB and notifier instance(s) (and floor relays of each role) on "
                            + scale.partitions() + " partitions; services as "
                            + (scale.nativeImages()
                                    ? "native executables"
                                    : "JVM jars (" + ServiceJvm.describe() + ")"));
            String kafka = broker.bootstrapServers();
            if (scale.aot()) {
                SERVICES.forEach(module -> ServiceJvm.deleteCache(root(), module));
                ServiceJvm.deleteCache(root(), CAMEL_MODULE);
            }
            startSystem(kafka);
            try (LoadDriver driver = new LoadDriver(kafka)) {
                if (scale.aot()) {
                    trainAotCache(driver);
                }
                if (trainOnly) {
                    return;
                }
                recordIdleRss();
                if (memoryChains > 0) {
                    memory(driver);
                } else if (closedOnly) {
                    closedRounds(driver, kafka);
                } else {
                    measure(driver);
                    hops(kafka, quick ? 100 : 300, 20, "hops_p50_p90_ms");
                }
                if (cold) {
                    cold(driver, kafka, quick ? 200 : 1000);
                }
                if (memoryChains == 0) {
                    targets();
                }
            } finally {
                stopAll();
            }
        }
        writeResults();
    }

    private void startSystem(String kafka) throws IOException {
        System.out.println("starting the services and the floor relays...");
        ServiceProcess demo = service("demo-service", "demo-service", Map.of("kafka.bootstrap.servers", kafka));
        ServiceProcess gateway = service("gateway", "gateway", Map.of("workchain.gateway.routes.demo", demo.baseUrl()));
        for (int i = 1; i <= scale.instances(); i++) {
            // Instances of one service share its consumer group (the ESB) or application id (the
            // notifier): Kafka splits the partitions between them.
            service(instanceName("esb", i), "esb", Map.of("kafka.bootstrap.servers", kafka,
                    "quarkus.grpc.clients.gateway.host", "127.0.0.1",
                    "quarkus.grpc.clients.gateway.port", Integer.toString(gateway.port())));
            service(instanceName("notifier", i), "notifier", Map.of("kafka.bootstrap.servers", kafka,
                    "kafka-streams.state.dir", Files.createTempDirectory("workchain-bench-streams-").toString()));
        }
        for (int i = 1; i <= scale.instances() && memoryChains == 0; i++) {
            relay(instanceName("floor-call", i), "call", kafka, demo.baseUrl() + "/api/text/upper", i);
            relay(instanceName("floor-forward", i), "forward", kafka, "", i);
            relay(instanceName("floor-eos-call", i), "call-eos", kafka, demo.baseUrl() + "/api/text/upper", i);
            relay(instanceName("floor-eos-forward", i), "forward-eos", kafka, "", i);
        }
        if (camel) {
            // One process, both routes; the plain route's consumer threads as many as the partitions.
            // Named after its module, so that it records its AOT cache like the services.
            service(CAMEL_MODULE, CAMEL_MODULE, Map.of("kafka.bootstrap.servers", kafka, "workchain.camel.demo-url",
                    demo.baseUrl(), "workchain.camel.plain.consumers", Integer.toString(scale.partitions())));
            CamelGroups.awaitAssigned(kafka, CAMEL_GROUPS, scale.partitions(), Duration.ofSeconds(60));
        }
    }

    /** "esb" for a single instance (the names of earlier results), "esb-2" and so on otherwise. */
    private String instanceName(String name, int instance) {
        return scale.instances() == 1 ? name : name + "-" + instance;
    }

    private ServiceProcess service(String name, String module, Map<String, String> properties) {
        ServiceProcess service = ServiceProcess.start(name, module, properties);
        services.add(service);
        processes.put(name, service.pid());
        return service;
    }

    private void relay(String name, String role, String kafka, String target, int instance) throws IOException {
        Path log = out.resolve("logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), FloorRelay.class.getName(), role, kafka, target,
                Integer.toString(instance))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        relays.add(process);
        processes.put(name, process.pid());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // Its consumer has its partitions before any record is sent (it reads from the end).
        while (!Files.readString(log).contains("assigned") && process.isAlive() && System.nanoTime() < deadline) {
            ServiceProcess.sleep(100);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited; see " + log);
        }
        ServiceProcess.sleep(1000);
    }

    /**
     * Warms the three systems up until Workchain's one-step maximum holds steady. The services' JIT (and
     * the broker's, in this JVM) needs tens of thousands of chains to compile the hot paths of
     * Quarkus, Vert.x, gRPC and the Kafka clients: measured cold, the maximum comes out at a fifth
     * of what the same processes sustain warm, and the figures describe the compiler, not the
     * system. Rounds of one-step closed loop, the floors and Workchain taking turns (all warm
     * alike), at least 16, until the last three Workchain rounds are within 10% of each other
     * (or the cap);
     * then a few five-step chains (their steps take the ESB's and the notifier's next-step paths).
     */
    private void warmUp(LoadDriver driver) {
        int chains = quick ? 1000 : 1500;
        // Measured on the 2-core development machine: Workchain climbs for 12 to 20 rounds (20,000
        // to 30,000 chains) before it levels off; --quick (CI) stops at 5 and is not fully warm.
        int minRounds = quick ? 5 : 16;
        int maxRounds = quick ? 5 : 24;
        List<Double> workchainRounds = new ArrayList<>();
        List<Map<String, Object>> rounds = new ArrayList<>();
        System.out.println("warming up: rounds of " + chains
                + " one-step chains, closed loop, until Workchain's maximum holds steady");
        for (int round = 1; round <= maxRounds; round++) {
            double floor = driver.closedLoop(LoadTarget.floor(), 1, chains, 64).throughput();
            double floorEos = driver.closedLoop(LoadTarget.floorEos(), 1, chains, 64).throughput();
            double workchain = driver.closedLoop(LoadTarget.workchain(), 1, chains, 64).throughput();
            workchainRounds.add(workchain);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", round);
            row.put("floor", round(floor));
            row.put("floor-eos", round(floorEos));
            row.put("workchain", round(workchain));
            rounds.add(row);
            System.out.printf(Locale.ROOT, "  warm-up round %2d: floor %6.1f/s  floor-eos %6.1f/s  workchain %6.1f/s%n",
                    round, floor, floorEos, workchain);
            if (round >= minRounds && steady(workchainRounds)) {
                break;
            }
        }
        rows.add(Map.of("warm_up_closed_loop_per_s", rounds));
        if (camel) {
            warmUpCamel(driver, chains);
        }
        for (LoadTarget target : systems()) {
            driver.closedLoop(target, 5, quick ? 200 : 500, 64);
        }
    }

    /**
     * The Camel route's own warm-up (its JIT, like the others'): 12 rounds of one-step chains (5 in
     * --quick, as the others'), plain and transacted taking turns, after the others' (the slower
     * transacted route would otherwise stretch every round of theirs).
     */
    private void warmUpCamel(LoadDriver driver, int chains) {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 1; round <= (quick ? 5 : 12); round++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", round);
            for (LoadTarget target : camelTargets()) {
                row.put(target.name(), round(driver.closedLoop(target, 1, chains, 64).throughput()));
            }
            rounds.add(row);
            System.out.printf(Locale.ROOT, "  camel warm-up round %2d: camel %6.1f/s  camel-eos %6.1f/s%n", round,
                    row.get("camel"), row.get("camel-eos"));
        }
        rows.add(Map.of("camel_warm_up_closed_loop_per_s", rounds));
    }

    /** The last three rounds within 10% of their mean. */
    static boolean steady(List<Double> rounds) {
        if (rounds.size() < 3) {
            return false;
        }
        List<Double> last = rounds.subList(rounds.size() - 3, rounds.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double spread = last.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return mean > 0 && spread <= 0.10 * mean;
    }

    /**
     * --closed-only: after the warm-up, the one-step maximum three times (floor and Workchain taking
     * turns), then both in open loop at half Workchain's best round (or at each --rate), and where a
     * chain's time goes at the last of those rates: a quicker A/B of a change.
     */
    private void closedRounds(LoadDriver driver, String kafka) throws Exception {
        warmUp(driver);
        double max = closedLoopMedians(driver, 1, 3, 3000).get("workchain_best");
        List<Double> rates = openRates.isEmpty() ? List.of(Math.max(1, Math.floor(max / 2))) : openRates;
        if (openRates.isEmpty()) {
            rows.add(Map.of("half_max_rate", Map.of("steps", 1, "rate", rates.get(0), "of", "the best round")));
        }
        for (double rate : rates) {
            for (LoadTarget target : systems()) {
                phase(driver, target, 1, "open", rate, () -> driver.openLoop(target, 1, rate, Duration.ofSeconds(10)));
            }
        }
        double last = rates.get(rates.size() - 1);
        hops(kafka, (int) last * 5, last, openRates.isEmpty() ? "hops_at_half_max_p50_p90_ms" : "hops_p50_p90_ms");
    }

    private void measure(LoadDriver driver) {
        warmUp(driver);
        Duration phase = Duration.ofSeconds(quick ? 5 : 15);
        Map<String, Double> oneStepMax = null;
        for (int steps : List.of(1, 5)) {
            Map<String, Double> max = closedLoopMedians(driver, steps, quick ? 1 : 3,
                    (quick ? 1500 : 4000) / (steps == 1 ? 1 : 4));
            oneStepMax = steps == 1 ? max : oneStepMax;
            double half = Math.max(1, Math.floor(max.get("workchain") / 2));
            rows.add(Map.of("half_max_rate", Map.of("steps", steps, "rate", half, "of", "the median round")));
            List<Double> rates = quick
                    ? List.of(20.0, half)
                    : List.of(20.0, 100.0, half, Math.floor(max.get("workchain") * 0.8));
            for (double rate : rates.stream().distinct().sorted().toList()) {
                for (LoadTarget target : systems()) {
                    phase(driver, target, steps, "open", rate, () -> driver.openLoop(target, steps, rate, phase));
                }
            }
        }
        overload(driver, oneStepMax);
    }

    /**
     * --memory: every service's resident set settled, every 10,000 chains and at its peak, with the
     * JDK and the JVM options the gateway runs with (read off its command line; every service has
     * the same).
     */
    private void memory(LoadDriver driver) {
        Map<String, Long> measured = new LinkedHashMap<>();
        services.forEach(service -> measured.put(service.toString(), service.pid()));
        measured.put("broker+driver", processes.get("broker+driver"));
        String jdk = "JDK " + ServiceJvm.release() + (scale.aot() ? " with its AOT cache" : "");
        List<String> options = MemoryFootprint.jvmOptions(ProcessStats.commandLine(services.stream()
                .filter(service -> service.toString().equals("gateway")).findFirst().orElseThrow().pid()));
        MemoryFootprint memory = MemoryFootprint.measure(driver, measured, memoryChains, jdk, options);
        rows.add(Map.of("memory", memory.row()));
        memory.describe().forEach(System.out::println);
    }

    /**
     * The floor, the exactly-once floor, the Camel route's two (when it runs) and Workchain: the
     * order every phase runs them in (Workchain last: its ratios are to the others' latest rows).
     */
    private List<LoadTarget> systems() {
        List<LoadTarget> systems = new ArrayList<>(List.of(LoadTarget.floor(), LoadTarget.floorEos()));
        if (camel) {
            systems.addAll(camelTargets());
        }
        systems.add(LoadTarget.workchain());
        return systems;
    }

    private static List<LoadTarget> camelTargets() {
        return List.of(LoadTarget.camel(), LoadTarget.camelEos());
    }

    /**
     * Steady under overload (issue 22): one-step chains in open loop at twice Workchain's closed-loop
     * maximum (30 s; 10 s in --quick), the floor then Workchain, each followed by a 20/s probe in 5 s
     * windows until its p50 is back within 1.5x of that system's warm 20/s p50 (at most 60 s; 30 s
     * in --quick). Goodput against each system's own closed-loop maximum; every chain counted.
     */
    private void overload(LoadDriver driver, Map<String, Double> max) {
        double rate = Math.floor(2 * max.get("workchain"));
        Duration duration = Duration.ofSeconds(quick ? 10 : 30);
        Duration maxProbe = Duration.ofSeconds(quick ? 30 : 60);
        for (LoadTarget target : List.of(LoadTarget.floor(), LoadTarget.workchain())) {
            double warmP50 = rows.stream()
                    .filter(row -> target.name().equals(row.get("system"))
                            && Integer.valueOf(1).equals(row.get("steps"))
                            && "open".equals(row.get("mode")) && Double.valueOf(20.0).equals(row.get("rate")))
                    .mapToDouble(row -> (double) row.get("p50")).reduce((first, second) -> second).orElse(Double.NaN);
            LoadDriver.OverloadRun run = driver.overload(target, rate, duration, 20, Overload.WINDOW, maxProbe,
                    Overload.RECOVERED * warmP50);
            Overload overload = Overload.of(target.name(), rate, run, max.get(target.name()), warmP50);
            rows.add(Map.of("overload", overload.row()));
            overload.describe().forEach(System.out::println);
        }
    }

    /**
     * The AOT cache's training run, on a JDK that has it: the services, started recording, serve a
     * real workload (one-step and five-step chains, closed loop and at a fixed rate: the paths of
     * every phase that follows), then stop, which writes each one's cache, and start again on it.
     * Every phase after this one, the cold one included, runs on the cache, as the run script and
     * the image do.
     */
    private void trainAotCache(LoadDriver driver) {
        long start = System.nanoTime();
        LoadTarget workchain = LoadTarget.workchain();
        int chains = quick ? 1500 : 4000;
        driver.closedLoop(workchain, 1, chains, 32);
        driver.closedLoop(workchain, 5, chains / 4, 16);
        driver.openLoop(workchain, 1, 20, quick ? 100 : 300, false);
        if (camel) { // the Camel route's cache on its own path too
            for (LoadTarget target : camelTargets()) {
                driver.closedLoop(target, 1, chains / 4, 32);
                driver.closedLoop(target, 5, chains / 16, 16);
            }
        }
        if (trainOnly) {
            System.out.println("trained; the services stop and write their AOT caches ("
                    + ServiceJvm.cache(root(), "MODULE") + ")");
            return;
        }
        System.setProperty(ServiceJvm.AOT, "use");
        Map<String, Double> ready = restartServices(false);
        double seconds = round((System.nanoTime() - start) / 1e9);
        rows.add(Map.of("aot_training", Map.of("chains", chains + chains / 4 + (quick ? 100 : 300), "seconds", seconds,
                "ready_s", ready)));
        System.out.println("AOT cache trained on " + chains + " one-step and " + chains / 4
                + " five-step chains; the services restarted on it (ready after " + ready + " s)");
    }

    private static Path root() {
        return Path.of(System.getProperty("workchain.root", "."));
    }

    /**
     * The cold phase (--cold; a short one in --quick): {@code chains} one-step chains at 20/s on the
     * warm services, then Workchain's three services restarted (stopped, started again on the same
     * ports with the same settings and state) and, the moment every one reports ready, as many
     * again: how far the first chains after a start are from warm ones. The broker, the floor relays
     * and the demo service (a user's service) stay up and warm, as when Workchain is redeployed.
     */
    private void cold(LoadDriver driver, String kafka, int chains) {
        LoadTarget workchain = LoadTarget.workchain();
        LoadDriver.Result warm = phase(driver, workchain, 1, "warm", 20,
                () -> driver.openLoop(workchain, 1, 20, chains, true));
        recordPeakRss("peak_rss_mib");
        long stop = System.nanoTime();
        Map<String, Double> ready = restartServices(true);
        double restart = (System.nanoTime() - stop) / 1e9;
        if (Boolean.getBoolean(COLD_HOPS)) {
            // Where the first chains' time goes (which hop is cold), before the cold phase proper.
            try {
                hops(kafka, 100, 20, "cold_hops_p50_p90_ms");
            } catch (Exception e) {
                throw new IllegalStateException("the cold hop breakdown failed", e);
            }
        }
        LoadDriver.Result first = phase(driver, workchain, 1, "cold", 20,
                () -> driver.openLoop(workchain, 1, 20, chains, true));
        Cold result = Cold.of(chains, restart, ready, warm, first);
        rows.add(Map.of("cold", result.row()));
        result.describe().forEach(System.out::println);
    }

    /**
     * Stops the services (the last started first) and starts them again in their order, each
     * awaited until ready; returns when each was ready, in seconds since the stop began.
     */
    private Map<String, Double> restartServices(boolean cold) {
        long start = System.nanoTime();
        String jvmArgs = System.getProperty("workchain.service-jvm-args");
        if (cold && jvmArgs != null) { // --jfr: the restarted services record apart from the warm ones
            System.setProperty("workchain.service-jvm-args", jvmArgs.replace("{name}.jfr", "{name}-cold.jfr"));
        }
        // The cold phase restarts Workchain's services only: the demo service stands in for a user's
        // service, which a rollout of Workchain does not restart (like the broker). The AOT cache's
        // training restarts every process it trained.
        List<ServiceProcess> restarted = services.stream()
                .filter(service -> !cold || ServiceProcess.WORKCHAIN_SERVICES.stream()
                        .anyMatch(module -> service.toString().equals(module)
                                || service.toString().startsWith(module + "-")))
                .toList();
        for (int i = restarted.size() - 1; i >= 0; i--) {
            restarted.get(i).stop();
        }
        Map<String, Double> ready = new LinkedHashMap<>();
        for (ServiceProcess service : restarted) {
            service.start();
            ready.put(service.toString(), round((System.nanoTime() - start) / 1e9));
            processes.put(service.toString(), service.pid());
        }
        return ready;
    }

    /** The targets from this run's rows: printed, kept in results.json and in the summary. */
    private void targets() {
        targets = Targets.of(rows);
        rows.add(Map.of("targets", targets.stream().map(Targets.Target::row).toList()));
        targets.forEach(target -> System.out.println(target.describe()));
    }

    /**
     * The most each system sustains: closed-loop rounds, the floor and Workchain taking turns (three
     * in the full run, one in --quick), each system's median round taken as its maximum. One round
     * of a few seconds on this shared machine swings by a fifth either way; the median of rounds
     * taken alternately is as fair to both and steadier.
     */
    private Map<String, Double> closedLoopMedians(LoadDriver driver, int steps, int rounds, int count) {
        Map<String, List<Double>> throughputs = alternatingClosedRounds(driver, steps, rounds, count);
        Map<String, Double> medians = new LinkedHashMap<>();
        throughputs.forEach((name, values) -> medians.put(name, median(values)));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("steps", steps);
        row.put("rounds", rounds);
        medians.forEach((name, median) -> row.put(name, round(median)));
        row.put("ratio", Math.round(medians.get("workchain") / medians.get("floor") * 100) / 100.0);
        row.put("ratio_to_floor_eos", Math.round(medians.get("workchain") / medians.get("floor-eos") * 100) / 100.0);
        StringBuilder camelFigures = new StringBuilder();
        StringBuilder camelRatios = new StringBuilder();
        for (String name : CAMEL) {
            if (medians.containsKey(name)) {
                row.put(ratioKey(name), Math.round(medians.get("workchain") / medians.get(name) * 100) / 100.0);
                camelFigures.append(String.format(Locale.ROOT, ", %s %.1f/s", name, medians.get(name)));
                camelRatios.append(String.format(Locale.ROOT, " [x %s: throughput %.2f]", name,
                        medians.get("workchain") / medians.get(name)));
            }
        }
        rows.add(Map.of("closed_loop_median_per_s", row));
        System.out.printf(Locale.ROOT,
                "%d-step maximum, median of %d closed-loop round(s): floor %.1f/s, floor-eos %.1f/s%s, workchain %.1f/s"
                        + "  [x floor: throughput %.2f] [x floor-eos: throughput %.2f]%s%n",
                steps, rounds, medians.get("floor"), medians.get("floor-eos"), camelFigures, medians.get("workchain"),
                medians.get("workchain") / medians.get("floor"), medians.get("workchain") / medians.get("floor-eos"),
                camelRatios);
        medians.put("workchain_best",
                throughputs.get("workchain").stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return medians;
    }

    /** Closed-loop phases, the floors then Workchain, {@code rounds} times: each system's throughput per round. */
    private Map<String, List<Double>> alternatingClosedRounds(LoadDriver driver, int steps, int rounds, int count) {
        Map<String, List<Double>> throughputs = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (LoadTarget target : systems()) {
                double throughput = phase(driver, target, steps, "closed", 0,
                        () -> driver.closedLoop(target, steps, count, 64)).throughput();
                throughputs.computeIfAbsent(target.name(), name -> new ArrayList<>()).add(throughput);
            }
        }
        return throughputs;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Where a one-step chain's time goes, hop by hop, at {@code rate}: last, since it switches the
     * workchain topics to LogAppendTime.
     */
    private void hops(String kafka, int chains, double rate, String rowName) throws Exception {
        Map<String, String> hops = new HopBreakdown(kafka).measure(chains, rate);
        rows.add(Map.of(rowName, hops));
        System.out.printf(Locale.ROOT, "hops (1-step at %.0f/s, p50/p90 ms): %s%n", rate, hops);
    }

    /** Runs one phase, with every process's CPU time around it; prints and keeps its row. */
    private LoadDriver.Result phase(LoadDriver driver, LoadTarget target, int steps, String mode, double rate,
            java.util.function.Supplier<LoadDriver.Result> run) {
        Map<String, Double> cpuBefore = cpu();
        Map<String, Long> requestsBefore = BrokerRequests.counts();
        Map<String, double[]> timesBefore = BrokerRequests.times();
        LoadDriver.Result result = run.get();
        Map<String, Double> cpuAfter = cpu();
        Map<String, Long> requestsAfter = BrokerRequests.counts();
        Map<String, String> brokerTimes = BrokerRequests.meanTimes(timesBefore, BrokerRequests.times());
        Histogram h = result.latencyMicros();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("system", target.name());
        row.put("steps", steps);
        row.put("mode", mode);
        row.put("rate", rate);
        row.put("sent", result.sent());
        row.put("completed", result.completed());
        row.put("duplicates", result.duplicates());
        row.put("throughput", round(result.throughput()));
        for (double percentile : new double[]{50, 90, 99, 99.9}) {
            row.put("p" + (percentile == 99.9 ? "99.9" : Integer.toString((int) percentile)),
                    round(h.getValueAtPercentile(percentile) / 1000.0));
        }
        row.put("max", round(h.getMaxValue() / 1000.0));
        Map<String, Object> cpuPer1000 = new LinkedHashMap<>();
        cpuAfter.forEach((name, after) -> cpuPer1000.put(name,
                round((after - cpuBefore.get(name)) * 1000.0 / Math.max(1, result.completed()))));
        row.put("cpu_s_per_1000", cpuPer1000);
        Map<String, Object> requests = BrokerRequests.per1000(requestsBefore, requestsAfter, result.completed());
        row.put("broker_requests_per_1000", requests);
        row.put("broker_ms_per_request", brokerTimes);
        rows.add(row);
        System.out.printf(Locale.ROOT,
                "%-9s %d-step %-6s rate=%6.1f/s  sent=%5d done=%5d%s  %7.1f/s  p50=%7.1f p90=%7.1f p99=%7.1f p99.9=%7.1f max=%7.1f ms%s%n",
                target.name(), steps, mode, rate, result.sent(), result.completed(),
                result.duplicates() > 0 ? " dup=" + result.duplicates() : "", result.throughput(),
                row.get("p50"), row.get("p90"), row.get("p99"), row.get("p99.9"), row.get("max"), ratio(row));
        System.out.println(
                "          CPU s per 1,000 chains " + cpuPer1000 + "; broker requests per 1,000 chains " + requests);
        if (!brokerTimes.isEmpty()) {
            System.out.println(
                    "          broker ms per request (total = queued + handled + waiting on others + answering) "
                            + brokerTimes);
        }
        return result;
    }

    /** "ratio_to_floor_eos" and the like: the key of Workchain's ratio to {@code system} in a row. */
    static String ratioKey(String system) {
        return "ratio_to_" + system.replace('-', '_');
    }

    /** Workchain's figures as ratios to each floor's (and the Camel route's) row of the same steps, mode and rate. */
    private String ratio(Map<String, Object> row) {
        if (!"workchain".equals(row.get("system"))) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        List<String> others = new ArrayList<>(FLOORS);
        if (camel) {
            others.addAll(CAMEL);
        }
        for (String floor : others) {
            for (int i = rows.size() - 1; i >= 0; i--) { // the latest floor row: --closed-only runs rounds
                Map<String, Object> other = rows.get(i);
                if (floor.equals(other.get("system")) && other.get("steps").equals(row.get("steps"))
                        && other.get("mode").equals(row.get("mode")) && other.get("rate").equals(row.get("rate"))) {
                    String ratio = String.format(Locale.ROOT, "[x %s: throughput %.2f, p50 %.2f, p99 %.2f]", floor,
                            (double) row.get("throughput") / Math.max(0.001, (double) other.get("throughput")),
                            (double) row.get("p50") / Math.max(0.001, (double) other.get("p50")),
                            (double) row.get("p99") / Math.max(0.001, (double) other.get("p99")));
                    row.put(ratioKey(floor), ratio);
                    text.append(text.isEmpty() ? "  " : " ").append(ratio);
                    break;
                }
            }
        }
        return text.toString();
    }

    private Map<String, Double> cpu() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        processes.forEach((name, pid) -> cpu.put(name, ProcessStats.cpuSeconds(pid)));
        return cpu;
    }

    /** Each process's resident set once started and settled, before any load: the idle figure of its memory budget. */
    private void recordIdleRss() {
        ServiceProcess.sleep(5000);
        Map<String, Object> rss = new LinkedHashMap<>();
        processes.forEach((name, pid) -> rss.put(name, round(ProcessStats.rssMib(pid))));
        rows.add(Map.of("idle_rss_mib", rss));
        System.out.println("idle RSS (MiB): " + rss);
    }

    /** Each process's peak resident set so far ({@code VmHWM}), once: before the cold phase restarts the services, else at the end. */
    private void recordPeakRss(String key) {
        if (peakRecorded) {
            return;
        }
        peakRecorded = true;
        Map<String, Object> rss = new LinkedHashMap<>();
        processes.forEach((name, pid) -> rss.put(name, round(ProcessStats.peakRssMib(pid))));
        rows.add(Map.of(key, rss));
        System.out.println("peak RSS (MiB): " + rss);
    }

    private void stopAll() {
        recordPeakRss("peak_rss_mib");
        relays.forEach(Process::destroy);
        services.forEach(ServiceProcess::stop);
    }

    private void writeResults() throws IOException {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            json.append("  ").append(toJson(rows.get(i))).append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        Files.writeString(out.resolve("results.json"), json.append("]\n"));
        Files.writeString(out.resolve("latency-vs-rate.svg"), LatencyPlot.svg(rows));
        Files.writeString(out.resolve("summary.md"), Summary.markdown(command, java.time.Instant.now(), rows, targets));
        System.out.println("results: " + out.resolve("results.json") + ", summary: " + out.resolve("summary.md")
                + ", plot: " + out.resolve("latency-vs-rate.svg"));
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            map.forEach((k, v) -> text.append(text.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                    .append(toJson(v)));
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            list.forEach(item -> text.append(text.length() > 1 ? ", " : "").append(toJson(item)));
            return text.append(']').toString();
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return "null";
        }
        return value instanceof String s ? '"' + s.replace("\"", "\\\"") + '"' : String.valueOf(value);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
