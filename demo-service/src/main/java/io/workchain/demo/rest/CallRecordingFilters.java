package io.workchain.demo.rest;

import io.workchain.common.gateway.CallHeaders;
import io.workchain.demo.service.CallRecorder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Feeds the {@link CallRecorder} with every call to the work endpoints (not /api/calls itself). */
public class CallRecordingFilters {

    private static final String STARTED = "workchain.demo.started";
    private static final String TOKEN = "workchain.demo.open-call";

    private final CallRecorder recorder;

    public CallRecordingFilters(CallRecorder recorder) {
        this.recorder = recorder;
    }

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request) {
        if (recorded(request)) {
            request.setProperty(STARTED, System.currentTimeMillis());
            request.setProperty(TOKEN, recorder.opened(request.getHeaderString(CallHeaders.CHAIN_HASH),
                    intHeader(request, CallHeaders.ORDER), intHeader(request, CallHeaders.INDEX)));
        }
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (started == null) {
            return;
        }
        recorder.closed(request.getProperty(TOKEN),
                new CallRecorder.Call(request.getMethod(), request.getUriInfo().getPath(),
                        request.getHeaderString(CallHeaders.IDEMPOTENCY_KEY),
                        request.getHeaderString(CallHeaders.CHAIN_HASH),
                        intHeader(request, CallHeaders.ORDER), intHeader(request, CallHeaders.INDEX),
                        (Long) started, System.currentTimeMillis(), response.getStatus()));
    }

    private static boolean recorded(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/api/") && !path.startsWith("/api/calls");
    }

    private static Integer intHeader(ContainerRequestContext request, String name) {
        String value = request.getHeaderString(name);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
