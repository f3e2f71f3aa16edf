package com.acme.saas.task.tasks;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.task.tasks.TaskRequests.NewTask;
import com.acme.saas.task.tasks.TaskRequests.TaskPatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tasks; an admin may also read, change and delete any task by id. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  private final TaskService service;

  TaskController(TaskService service) {
    this.service = service;
  }

  @GetMapping
  PageResponse<TaskView> list(
      CurrentUser user,
      @Valid PageQuery page,
      @RequestParam(required = false) @Nullable Boolean completed,
      @RequestParam(required = false) @Nullable @Size(max = 200) String q,
      @RequestParam(defaultValue = TaskSort.DEFAULT) String sort) {
    return service.list(new TaskFilter(user.id(), completed, q), TaskSort.parse(sort), page);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // what springdoc documents; the ResponseEntity sets it
  ResponseEntity<ApiResponse<TaskView>> create(
      CurrentUser user, @Valid @RequestBody NewTask request) {
    TaskView task = service.create(user, request);
    return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id()))
        .body(ApiResponse.of(task));
  }

  @GetMapping("/{id}")
  ApiResponse<TaskView> get(CurrentUser user, @PathVariable UUID id) {
    return ApiResponse.of(service.get(user, id));
  }

  @PatchMapping("/{id}")
  ApiResponse<TaskView> update(
      CurrentUser user, @PathVariable UUID id, @Valid @RequestBody TaskPatch patch) {
    return ApiResponse.of(service.update(user, id, patch));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(CurrentUser user, @PathVariable UUID id) {
    service.delete(user, id);
  }
}
