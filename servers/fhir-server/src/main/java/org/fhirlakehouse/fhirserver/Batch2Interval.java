package org.fhirlakehouse.fhirserver;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import jakarta.annotation.PostConstruct;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Batch2 jobs (Bulk export) advance on each maintenance pass: once a minute by HAPI's default, so a tiny export took
 * about 4 minutes; here every fhir-server.batch2-interval-millis. Set before the scheduler starts (on context refresh).
 */
@Configuration
public class Batch2Interval {

  @Autowired private IJobMaintenanceService jobMaintenance;

  @Value("${fhir-server.batch2-interval-millis}")
  private long intervalMillis;

  @PostConstruct
  void shorten() {
    ((JobMaintenanceServiceImpl) jobMaintenance).setScheduledJobFrequencyMillis(intervalMillis);
  }
}
