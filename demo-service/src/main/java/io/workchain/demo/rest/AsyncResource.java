package io.workchain.demo.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Response;
import io.workchain.common.trace.ChainTrace;
import io.workchain.demo.config.DemoConfig;
import io.workchain.demo.kafka.NotificationPublisher;
import io.workchain.demo.service.TextOperations;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The asynchronous way to answer: accept now (202), work later, and publish the notification
 * message on the notification topic ourselves, named by the chain hash, order and index the
 * gateway sent as headers.
 */
@Path("/api/async")
@Tag(name = "Asynchronous", description = "Accepts (202) and answers later on the notification topic")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AsyncResource {

    private static final Logger LOG = Logger.getLogger(AsyncResource.class);

    private final NotificationPublisher publisher;
    private final DemoConfig config;

    public AsyncResource(NotificationPublisher publisher, DemoConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Path("/upper")
    public jakarta.ws.rs.core.Response upper(JsonNode payload,
            @HeaderParam(CallHeaders.CHAIN_HASH) String hash,
            @HeaderParam(CallHeaders.ORDER) Integer order,
            @HeaderParam(CallHeaders.INDEX) Integer index,
            @QueryParam("delayMs") Long delayMs) {
        if (hash == null || order == null || index == null) {
            throw new IllegalArgumentException("this endpoint answers through Kafka: it needs the "
                    + CallHeaders.CHAIN_HASH + ", " + CallHeaders.ORDER + " and " + CallHeaders.INDEX + " headers");
        }
        String result = TextOperations.upper(TextOperations.textOf(payload)).toString();
        Duration delay = delayMs == null ? config.asyncDelay() : Duration.ofMillis(delayMs);
        NotificationMessage notification = NotificationMessage.of(hash, order, index,
                Response.success(result, "{\"status\":200,\"async\":true}"));
        // Taken now, while this request's span is current: the delayed publish runs outside it.
        String traceparent = ChainTrace.traceparent(Span.current(), null);
        Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .chain(() -> publisher.publish(notification, traceparent))
                .subscribe().with(ok -> LOG.debugf("published the notification of %s/%d/%d", hash, order, index),
                        error -> LOG.errorf(error, "could not publish the notification of %s/%d/%d", hash, order,
                                index));
        return jakarta.ws.rs.core.Response.accepted().entity("{\"accepted\":true}").build();
    }
}
