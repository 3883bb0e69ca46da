package io.workchain.tools.bench;

import io.workchain.testing.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Waits until the Camel route's consumers have their partitions: they read from the end of their
 * topics (as the floor relays do), so a record sent before would never be answered. Read off the
 * broker (the groups' members and their assignments): the route is another process.
 */
final class CamelGroups {

    private CamelGroups() {}

    /** Returns once every group's members hold {@code partitions} partitions between them; throws after {@code within}. */
    static void awaitAssigned(String bootstrap, List<String> groups, int partitions, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all().get();
                if (descriptions.values().stream().allMatch(group -> assigned(group) >= partitions)) {
                    System.out.println("camel route: consumer groups " + groups + " assigned");
                    ServiceProcess.sleep(1000);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Camel route's consumer groups " + groups
                            + " were not assigned their partitions within " + within.toSeconds() + " s");
                }
                ServiceProcess.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("describing the Camel route's consumer groups failed", e);
        }
    }

    private static int assigned(ConsumerGroupDescription group) {
        return group.members().stream().map(MemberDescription::assignment)
                .mapToInt(assignment -> assignment.topicPartitions().size()).sum();
    }
}
