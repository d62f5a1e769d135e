package io.hookline.deliverer.delivery;

import io.hookline.deliverer.request.OutboundRequest;
import java.util.concurrent.CompletionStage;

/** Makes one HTTP attempt. The stage never fails: every way an attempt can end is an outcome. */
public interface Sender {

    CompletionStage<DeliveryOutcome> send(OutboundRequest request);
}
