package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Receives the events of one agent, in the order the agent sent them, on the serving thread. */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface AgentEventListener {
  void onEvent(AgentEvent event);
}
