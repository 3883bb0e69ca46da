package io.workchain.notifier.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.stream.TopologyNames;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a chain lives when several notifiers share the partitions: each instance holds the chains
 * of the partitions it owns (Kafka Streams interactive queries). This instance's chains are read
 * from its store; another's are asked of it over HTTP at the address it advertises
 * ({@code kafka-streams.application.server}).
 */
@ApplicationScoped
public class ChainDirectory {

    /** Summaries read for one list, at most: the list is a console's, not an export. */
    static final int MAX_SCAN = 10_000;
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaStreams streams;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();

    public ChainDirectory(KafkaStreams streams) {
        this.streams = streams;
    }

    /** A chain of this instance's store, or null. Throws InvalidStateStoreException while the store is not ready. */
    public ChainState local(String hash) {
        return store().get(hash);
    }

    /**
     * A chain as {@code GET /chains/{hash}} shows it (ChainView), or why not (404): from this
     * instance's store, or asked of the instance that owns its partition ({@code authorization},
     * the caller's credentials, goes along). Throws InvalidStateStoreException while the store is
     * not ready, IOException when the owner does not answer.
     */
    public PeerAnswer find(String hash, String authorization) throws IOException, InterruptedException {
        Optional<String> owner = otherOwner(hash);
        if (owner.isPresent()) {
            return ask(owner.get(), authorization, "/chains/" + hash + "?local=true");
        }
        return findLocal(hash);
    }

    /** As {@link #find}, from this instance's store alone. */
    public PeerAnswer findLocal(String hash) {
        ChainState state = local(hash);
        if (state == null) {
            return new PeerAnswer(404, MAPPER.createObjectNode().put("error",
                    "no chain " + hash + " here (unknown, or removed after its retention)"));
        }
        return new PeerAnswer(200, ChainView.of(state));
    }

    /**
     * The address of the instance that owns the chain's partition, when that is another instance.
     * "This instance" is known by the partitions its own threads run, not by the address it
     * advertises (which a test or a proxy may have rewritten).
     */
    public Optional<String> otherOwner(String hash) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(TopologyNames.CHAINS_STORE, hash,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || localPartitions().stream().anyMatch(tp -> tp.partition() == metadata.partition())) {
            return Optional.empty();
        }
        return Optional.of(address(metadata.activeHost()));
    }

    /** The other instances of this application, by the address each advertises. */
    public List<String> peers() {
        Set<TopicPartition> local = localPartitions();
        return streams.metadataForAllStreamsClients().stream()
                .filter(metadata -> !metadata.topicPartitions().equals(local))
                .map(metadata -> address(metadata.hostInfo())).distinct().toList();
    }

    private Set<TopicPartition> localPartitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                .forEach(task -> partitions.addAll(task.topicPartitions())));
        return partitions;
    }

    /**
     * This instance's chains, newest first, matching the status (any when null) and text (in the
     * hash or error): read from the index of summaries in the order shown, stopping at the limit,
     * so a listing never reads chain states (up to a megabyte each) nor more summaries than it
     * needs, at most {@link #MAX_SCAN} of them when few match.
     */
    public List<ObjectNode> localSummaries(String status, String text, int limit) {
        List<ObjectNode> found = new ArrayList<>();
        String needle = text == null ? "" : text.toLowerCase(Locale.ROOT);
        boolean anyStatus = status == null || status.isBlank();
        try (KeyValueIterator<String, String> newestFirst = index().all()) {
            int scanned = 0;
            while (newestFirst.hasNext() && scanned++ < MAX_SCAN && found.size() < limit) {
                ObjectNode summary = parse(newestFirst.next().value);
                if (summary == null || (!anyStatus && !status.equalsIgnoreCase(summary.path("status").asText()))) {
                    continue;
                }
                if (needle.isEmpty() || summary.path("hash").asText().contains(needle)
                        || summary.path("error").asText("").toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add(summary);
                }
            }
        }
        return found;
    }

    private static ObjectNode parse(String summary) {
        try {
            return summary == null ? null : (ObjectNode) MAPPER.readTree(summary);
        } catch (IOException | ClassCastException e) {
            return null; // ChainIndex writes ChainView summaries only: never expected
        }
    }

    public static List<ObjectNode> newestFirst(List<ObjectNode> chains, int limit) {
        return chains.stream().sorted(Comparator.comparing((ObjectNode c) -> c.path("updated_at").asText()).reversed())
                .limit(limit).toList();
    }

    /**
     * GET a path of another instance: its status and JSON body. The caller's credentials go along
     * ({@code authorization}, may be null): a peer asks for them as this instance does.
     */
    public PeerAnswer ask(String peer, String authorization, String pathAndQuery)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery))
                .timeout(PEER_TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new PeerAnswer(response.statusCode(), MAPPER.readTree(response.body()));
    }

    public record PeerAnswer(int status, JsonNode body) {}

    private ReadOnlyKeyValueStore<String, String> index() {
        return streams.store(
                StoreQueryParameters.fromNameAndType(TopologyNames.INDEX_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, ChainState> store() {
        return streams.store(
                StoreQueryParameters.fromNameAndType(TopologyNames.CHAINS_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
