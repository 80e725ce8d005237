package io.ndc.notification;

import io.ndc.contract.ServiceName;
import io.ndc.notification.api.NotificationApiVerticle;
import io.ndc.notification.delivery.DeliveryWorkerVerticle;
import io.ndc.notification.evaluation.RuleEvaluatorVerticle;
import io.ndc.notification.evaluation.SystemEventsVerticle;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import io.vertx.core.Future;
import java.util.List;

/** Entry deployable of the notification service. */
public final class NotificationService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.NOTIFICATION;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.RABBITMQ);
  }

  @Override
  protected String schema() {
    return "notify";
  }

  @Override
  protected Future<?> deployComponents() {
    return deploy(NotificationApiVerticle::new)
        .compose(v -> deploy(DeliveryWorkerVerticle::new))
        .compose(v -> deploy(RuleEvaluatorVerticle::new))
        .compose(v -> deploy(SystemEventsVerticle::new));
  }
}
