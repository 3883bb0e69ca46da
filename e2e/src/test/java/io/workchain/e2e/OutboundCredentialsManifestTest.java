package io.workchain.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example of k8s/examples/outbound-credentials (offline): one route per kind of outbound
 * credential, every secret of its configuration a variable the gateway's Deployment fills from a
 * Secret, and the client certificate's files in a mounted Secret. A literal secret in the file, a
 * variable no Secret fills or a path no volume holds fails here, not in a cluster.
 */
class OutboundCredentialsManifestTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("workchain.root", ".."),
            "k8s/examples/outbound-credentials");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final String CREDENTIALS = "workchain.gateway.route-credentials.";

    @Test
    void eachKindOfCredentialIsWiredFromASecret() throws IOException {
        Properties routes = new Properties();
        try (Reader in = Files.newBufferedReader(EXAMPLE.resolve("routes.properties"))) {
            routes.load(in);
        }
        Set<String> kinds = new TreeSet<>();
        for (String key : routes.stringPropertyNames()) {
            if (key.startsWith(CREDENTIALS)) {
                kinds.add(key.substring(CREDENTIALS.length()).split("\\.")[0]);
                String route = key.substring(CREDENTIALS.length()).split("\\.")[1];
                assertNotNull(routes.getProperty("workchain.gateway.routes." + route), "route " + route + " exists");
            }
        }
        assertEquals(Set.of("headers", "oidc-client", "tls-configuration", "kafka"), kinds, "one of each kind");

        Container gateway = gatewayContainer();
        Map<String, EnvVar> env = new HashMap<>();
        gateway.getEnv().forEach(e -> env.put(e.getName(), e));
        Set<String> variables = new TreeSet<>();
        for (String key : routes.stringPropertyNames()) {
            String value = routes.getProperty(key);
            boolean secret = key.startsWith(CREDENTIALS + "headers.") || key.endsWith(".credentials.secret")
                    || key.endsWith("\"sasl.jaas.config\"") || key.endsWith("sasl.jaas.config");
            Matcher variable = VARIABLE.matcher(value);
            if (secret) {
                assertTrue(variable.matches(), key + " takes its value from a variable, not the file");
            }
            if (variable.find(0)) {
                variables.add(variable.group(1));
            }
        }
        assertEquals(Set.of("PARTNER_API_KEY", "PARTNER_OIDC_CLIENT_SECRET", "PARTNER_KAFKA_JAAS_CONFIG"), variables);
        for (String name : variables) {
            EnvVar var = env.get(name);
            assertNotNull(var, "the gateway sets " + name);
            assertTrue(var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null,
                    name + " comes from a Secret");
            assertEquals("workchain-gateway-partner", var.getValueFrom().getSecretKeyRef().getName());
        }

        Map<String, Volume> volumes = new HashMap<>();
        deployment().getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        String locations = env.get("QUARKUS_CONFIG_LOCATIONS").getValue();
        Volume config = volumeHolding(gateway, volumes, locations);
        assertEquals("gateway-routes", config.getConfigMap().getName(), "the routes file comes from the generated map");
        for (String key : List.of("quarkus.tls.partner-mtls.key-store.pem.0.cert",
                "quarkus.tls.partner-mtls.key-store.pem.0.key", "quarkus.tls.partner-mtls.trust-store.pem.certs")) {
            Volume tls = volumeHolding(gateway, volumes, routes.getProperty(key));
            assertEquals("workchain-gateway-partner-tls", tls.getSecret().getSecretName(), key + " is in the Secret");
        }
    }

    private static Volume volumeHolding(Container container, Map<String, Volume> volumes, String file) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (file.startsWith(mount.getMountPath() + "/")) {
                assertTrue(Boolean.TRUE.equals(mount.getReadOnly()), mount.getMountPath() + " is mounted read-only");
                return volumes.get(mount.getName());
            }
        }
        throw new AssertionError("no volume is mounted where " + file + " is read");
    }

    private static Container gatewayContainer() throws IOException {
        return deployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("gateway")).findFirst().orElseThrow();
    }

    private static Deployment deployment() throws IOException {
        ObjectMapper yaml = new YAMLMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return yaml.readValue(EXAMPLE.resolve("gateway-credentials.yaml").toFile(), Deployment.class);
    }
}
