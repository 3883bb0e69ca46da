package io.workchain.e2e;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings the documentation lists are the code's, with the code's defaults.
 * <p>
 * Each service's {@code @ConfigMapping} interfaces are read by reflection, as SmallRye Config reads
 * them: a setting's key is the mapping's prefix, then each method's name in the mapping's naming
 * strategy (kebab-case), a nested group's methods under its method's name, and a map's entries
 * under {@code <name>} (a map of groups: each group's settings under it); its default is the {@code @WithDefault} value (constant expressions such as
 * {@code "" + Limits.MAX_ITEMS} already resolved by the compiler), or the value the service's own
 * {@code application.properties} gives it (for a map, every entry it gives), or none.
 * <p>
 * Then, in README.md, CONTRIBUTING.md and docs/*.md:
 * <ul>
 *   <li>docs/configuration.md lists every setting and no other, each with its default;</li>
 *   <li>every table with a "default" column (its settings in the "setting" column, or the first)
 *       gives, in backquotes, exactly the defaults of the settings its row names;</li>
 *   <li>every setting named in backquotes anywhere (outside code blocks) exists.</li>
 * </ul>
 * In a settings cell, {@code workchain.{esb,notifier}.limits.max-items} names both keys, and a key
 * written after a full one in the same cell ({@code `workchain.notifier.chain-timeout`, `item-timeout`})
 * is read relative to it. A default written as {@code none} (no backquotes) means the setting has none.
 */
class SettingsDocsTest {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", "..")).toAbsolutePath().normalize();
    private static final Path CONFIGURATION = ROOT.resolve("docs/configuration.md");

    /** The services' configuration mappings, by module; {@link #theseAreEveryConfigMappingOfTheServices} keeps the list whole. */
    private static final Map<String, List<String>> MAPPINGS = Map.of(
            "esb", List.of("io.workchain.esb.config.EsbConfig"),
            "notifier", List.of("io.workchain.notifier.config.NotifierConfig"),
            "gateway",
            List.of("io.workchain.gateway.config.GatewayConfig", "io.workchain.gateway.config.CallbackConfig",
                    "io.workchain.gateway.credentials.RouteCredentialsConfig"),
            "demo-service", List.of("io.workchain.demo.config.DemoConfig"));

    private static final Pattern BACKQUOTED = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern RELATIVE_KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9<>*-]+)*");
    private static final Pattern BRACES = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern MAP_NAME = Pattern.compile("<[^>]*>");
    private static final String ANY_NAME = "<>";

    /** A setting: its key ({@code <>} standing for a map's entry names) and the backquoted values its default shows as. */
    record Setting(String key, Set<String> defaults) {}

    /** A row of a table with a "default" column: where it is, the keys it names, the values it gives. */
    record Row(String where, List<String> keys, Set<String> defaults) {}

    @Test
    void theseAreEveryConfigMappingOfTheServices() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (Files.readString(file).contains("@ConfigMapping(")) {
                            String name = sources.relativize(file).toString().replace('\\', '/');
                            found.add(name.substring(0, name.length() - ".java".length()).replace('/', '.'));
                        }
                    }
                }
            }
        }
        Set<String> listed = MAPPINGS.values().stream().flatMap(List::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(found, listed, "every @ConfigMapping in the sources is one this test reads");
    }

    @Test
    void configurationMdListsEverySettingOfTheCodeAndNoOther() throws IOException {
        Map<String, Setting> settings = settings();
        Set<String> documented = new TreeSet<>();
        for (Row row : rows(CONFIGURATION, settings)) {
            row.keys().forEach(key -> documented.add(normalize(key)));
        }
        Set<String> missing = new TreeSet<>(settings.keySet());
        missing.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(settings.keySet());
        assertEquals(Set.of(), missing, "settings the code has that docs/configuration.md does not list");
        assertEquals(Set.of(), unknown, "settings docs/configuration.md lists that the code does not have");
    }

    @Test
    void everySettingsTableGivesTheCodesDefaults() throws IOException {
        Map<String, Setting> settings = settings();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : documents()) {
            for (Row row : rows(file, settings)) {
                Set<String> expected = new TreeSet<>();
                for (String key : row.keys()) {
                    Setting setting = find(settings, key);
                    if (setting == null) {
                        wrong.add(row.where() + ": no setting " + key);
                    } else {
                        expected.addAll(setting.defaults());
                    }
                }
                if (!expected.equals(new TreeSet<>(row.defaults()))) {
                    wrong.add(row.where() + ": " + row.keys() + " default " + (expected.isEmpty() ? "none" : expected)
                            + ", the table says " + (row.defaults().isEmpty() ? "none" : row.defaults()));
                }
                checked++;
            }
        }
        assertEquals(List.of(), wrong, "settings tables against the code");
        assertTrue(checked >= settings.size(), "at least a row per setting (" + checked + " rows)");
    }

    @Test
    void everySettingTheDocsNameExists() throws IOException {
        Map<String, Setting> settings = settings();
        Set<String> groups = settings.keySet().stream().map(SettingsDocsTest::group).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (Path file : documents()) {
            List<String> lines = Files.readAllLines(file);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher quoted = BACKQUOTED.matcher(lines.get(i));
                while (quoted.find()) {
                    String token = quoted.group(1).split("=", 2)[0].trim();
                    for (String key : expand(token)) {
                        if (groups.contains(group(key)) && !exists(settings, key)) {
                            unknown.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + key);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unknown, "settings named in the docs that the code does not have");
    }

    @Test
    void keysAndCellsAreReadAsDocumented() {
        assertEquals(List.of("workchain.esb.limits.max-items", "workchain.notifier.limits.max-items"),
                expand("workchain.{esb,notifier}.limits.max-items"));
        assertEquals("workchain.gateway.routes.<>", normalize("workchain.gateway.routes.<name>"));
        assertEquals(List.of("a", "`b|c`", "d"), cells("| a | `b|c` | d |"));
        Map<String, Setting> settings = Map.of(
                "workchain.x.chain-timeout", new Setting("workchain.x.chain-timeout", Set.of("1h")),
                "workchain.x.item-timeout", new Setting("workchain.x.item-timeout", Set.of("10m")),
                "workchain.x.tls.trust-all", new Setting("workchain.x.tls.trust-all", Set.of("false")),
                "workchain.x.routes.<>", new Setting("workchain.x.routes.<>", Set.of()));
        assertEquals(List.of("workchain.x.chain-timeout", "workchain.x.item-timeout"),
                keys("`workchain.x.chain-timeout`, `item-timeout` (or the message's `timeout_ms`)", settings));
        assertEquals(List.of("workchain.x.tls.trust-all", "workchain.x.item-timeout"),
                keys("`workchain.x.tls.trust-all` / `item-timeout`", settings));
        assertTrue(exists(settings, "workchain.x.routes.demo"));
        assertTrue(exists(settings, "workchain.x.tls.*"));
        assertFalse(exists(settings, "workchain.x.tls.trust-none"));
    }

    // --- the code's settings -----------------------------------------------------------------------

    static Map<String, Setting> settings() throws IOException {
        Map<String, Setting> settings = new TreeMap<>();
        for (Map.Entry<String, List<String>> module : MAPPINGS.entrySet()) {
            Properties properties = properties(module.getKey());
            for (String name : module.getValue()) {
                Class<?> type;
                try {
                    type = Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(
                            name + " is not on the test classpath (e2e's pom depends on " + module.getKey() + ")", e);
                }
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                assertNotNull(mapping, name + " is a @ConfigMapping");
                collect(type, mapping, mapping.prefix(), properties, settings);
            }
        }
        assertFalse(settings.isEmpty());
        return settings;
    }

    private static void collect(Class<?> group, ConfigMapping mapping, String prefix, Properties properties,
            Map<String, Setting> settings) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
                continue;
            }
            assertNull(method.getAnnotation(WithParentName.class), method + ": @WithParentName is not read here");
            WithName named = method.getAnnotation(WithName.class);
            String key = prefix + "."
                    + (named != null ? named.value() : mapping.namingStrategy().apply(propertyName(method, mapping)));
            Class<?> type = method.getReturnType();
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            if (isGroup(type)) {
                collect(type, mapping, key, properties, settings);
            } else if (Map.class.isAssignableFrom(type)) {
                Type values = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[1];
                if (values instanceof Class<?> valueType && isGroup(valueType)) {
                    // A map of groups (route-policies."<route>".retries): each entry's settings, by any name.
                    collect(valueType, mapping, key + "." + ANY_NAME, properties, settings);
                    continue;
                }
                Set<String> defaults = new TreeSet<>();
                for (String property : properties.stringPropertyNames()) {
                    if (property.startsWith(key + ".")) {
                        defaults.add(property.substring(key.length() + 1));
                        defaults.add(properties.getProperty(property));
                    }
                }
                if (withDefault != null) {
                    defaults.add(withDefault.value());
                }
                add(settings, new Setting(key + "." + ANY_NAME, defaults));
            } else {
                String value = properties.getProperty(key, withDefault == null ? null : withDefault.value());
                add(settings, new Setting(key, value == null ? Set.of() : Set.of(value)));
            }
        }
    }

    /**
     * A key mapped twice is one setting only when both services read it alike: a setting shared by
     * two services (workchain.callback.key, the gateway's and the notifier's) has one default.
     */
    private static void add(Map<String, Setting> settings, Setting setting) {
        Setting before = settings.put(setting.key(), setting);
        if (before != null) {
            assertEquals(before.defaults(), setting.defaults(), setting.key() + " is mapped twice, with two defaults");
        }
    }

    /** A getter's property name as SmallRye reads it: getFoo() and, for a boolean, isFoo() name foo when bean-style getters are on. */
    private static String propertyName(Method method, ConfigMapping mapping) {
        String name = method.getName();
        if (mapping.beanStyleGetters()) {
            if (name.matches("get[A-Z].*")) {
                return Character.toLowerCase(name.charAt(3)) + name.substring(4);
            }
            if (name.matches("is[A-Z].*")
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                return Character.toLowerCase(name.charAt(2)) + name.substring(3);
            }
        }
        return name;
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.isAnnotation() && !type.getName().startsWith("java.");
    }

    private static Properties properties(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files
                .newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    // --- the documents -----------------------------------------------------------------------------

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertTrue(documents.contains(CONFIGURATION));
        return documents;
    }

    /** The rows, in {@code file}, of every table with a "default" column that name at least one setting. */
    static List<Row> rows(Path file, Map<String, Setting> settings) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        int settingColumn = -1;
        int defaultColumn = -1;
        boolean inTable = false;
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                inTable = true;
                settingColumn = -1;
                defaultColumn = -1;
                for (int c = 0; c < cells.size(); c++) {
                    String header = cells.get(c).toLowerCase(Locale.ROOT);
                    if (defaultColumn < 0 && header.contains("default")) {
                        defaultColumn = c;
                    } else if (settingColumn < 0 && header.contains("setting")) {
                        settingColumn = c;
                    }
                }
                if (settingColumn < 0) {
                    settingColumn = 0;
                }
                continue;
            }
            if (defaultColumn < 0 || line.matches("\\|[\\s|:-]+\\|?")) {
                continue;
            }
            String where = ROOT.relativize(file) + ":" + (i + 1);
            assertTrue(cells.size() > Math.max(settingColumn, defaultColumn), where + ": a cell per column");
            List<String> keys = keys(cells.get(settingColumn), settings);
            if (!keys.isEmpty()) {
                rows.add(new Row(where, keys, backquoted(cells.get(defaultColumn))));
            }
        }
        return rows;
    }

    /** The settings a cell names: full keys (braces expanded), and keys relative to the full key before them. */
    static List<String> keys(String cell, Map<String, Setting> settings) {
        List<String> keys = new ArrayList<>();
        String base = null;
        Matcher quoted = BACKQUOTED.matcher(cell);
        while (quoted.find()) {
            String token = quoted.group(1).split("=", 2)[0].trim();
            if (token.startsWith("workchain.")) {
                List<String> expanded = expand(token);
                keys.addAll(expanded);
                base = expanded.get(0);
            } else if (base != null && RELATIVE_KEY.matcher(token).matches()) {
                String key = null;
                for (String parent = parent(base); parent != null && key == null; parent = parent(parent)) {
                    if (find(settings, parent + "." + token) != null) {
                        key = parent + "." + token;
                    }
                }
                keys.add(key != null ? key : parent(base) + "." + token); // an unknown key, reported as such
            }
        }
        return keys;
    }

    private static Set<String> backquoted(String cell) {
        Set<String> values = new LinkedHashSet<>();
        Matcher quoted = BACKQUOTED.matcher(cell);
        while (quoted.find()) {
            values.add(quoted.group(1));
        }
        return values;
    }

    /** A table row's cells, split at the bars that are not inside backquotes. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String row = line.trim();
        row = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        for (char c : row.toCharArray()) {
            if (c == '`') {
                quoted = !quoted;
            }
            if (c == '|' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.stream().map(String::trim).toList();
    }

    static List<String> expand(String key) {
        Matcher braces = BRACES.matcher(key);
        if (!braces.find()) {
            return List.of(key);
        }
        List<String> keys = new ArrayList<>();
        for (String choice : braces.group(1).split(",")) {
            keys.addAll(expand(key.substring(0, braces.start()) + choice.trim() + key.substring(braces.end())));
        }
        return keys;
    }

    static String normalize(String key) {
        return MAP_NAME.matcher(key).replaceAll(ANY_NAME);
    }

    /** The setting a documented key names: itself, or the map whose entry it names. */
    static Setting find(Map<String, Setting> settings, String key) {
        String normal = normalize(key);
        Setting setting = settings.get(normal);
        if (setting == null && parent(normal) != null) {
            setting = settings.get(parent(normal) + "." + ANY_NAME);
        }
        return setting;
    }

    /** Whether a key named in prose exists: a setting, a map's entry, or ({@code group.*}) a group of settings. */
    static boolean exists(Map<String, Setting> settings, String key) {
        if (key.endsWith(".*")) {
            String group = normalize(key.substring(0, key.length() - 1));
            return settings.keySet().stream().anyMatch(k -> k.startsWith(group));
        }
        return find(settings, key) != null;
    }

    private static String parent(String key) {
        int dot = key.lastIndexOf('.');
        return dot > 0 ? key.substring(0, dot) : null;
    }

    /** The first two segments of a key (workchain.esb, workchain.topics, workchain.wire-format): what marks a name as a setting. */
    private static String group(String key) {
        String[] segments = key.split("\\.", 3);
        return segments.length < 2 ? key : segments[0] + "." + segments[1];
    }
}
