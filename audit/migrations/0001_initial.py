"""The audit log leaves the blog app; its table and rows stay where they are.

State only: the model keeps the table `blog_auditentry`, which blog's 0001 created.
blog's 0006 removes the model from blog's state and moves its content type here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('blog', '0005_tags_from_prefetch_linter_audit_actions'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='time')),
                        ('action', models.CharField(choices=[('publish', 'published'), ('publish_scheduled', 'published as scheduled'), ('withdraw', 'withdrawn'), ('schedule', 'scheduled'), ('unschedule', 'schedule cancelled'), ('schedule_failed', 'scheduled publication refused by the gate'), ('review_submit', 'submitted for medical review'), ('review_approve', 'medically approved'), ('review_changes', 'changes requested by the medical reviewer'), ('revert', 'earlier version restored'), ('correction', 'correction published'), ('preview_create', 'preview link created'), ('preview_revoke', 'preview link revoked'), ('comment_approve', 'submission approved'), ('comment_reject', 'submission rejected'), ('comment_spam', 'submission marked as spam'), ('comment_withdraw', 'submission withdrawn by its writer'), ('comment_redact', 'submission edited by a moderator'), ('comment_erase', 'submissions erased (GDPR request)'), ('comment_purge', 'submissions deleted (retention period)'), ('source_integrity', 'integrity status of a source changed'), ('source_integrity_flag', "cited source's integrity changed"), ('source_url_cleared', 'source URL removed (not a web address)'), ('lint_mark_claim', 'sentence marked as a claim'), ('lint_dismiss', 'linter finding dismissed: not a health claim'), ('lint_waive', 'linter finding waived with a reason'), ('lint_revoke', 'dismissal or waiver of a linter finding withdrawn')], db_index=True, max_length=40, verbose_name='action')),
                        ('object_id', models.CharField(blank=True, max_length=64)),
                        ('object_repr', models.CharField(blank=True, max_length=200, verbose_name='object')),
                        ('from_state', models.CharField(blank=True, max_length=20, verbose_name='from')),
                        ('to_state', models.CharField(blank=True, max_length=20, verbose_name='to')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('data', models.JSONField(blank=True, default=dict, verbose_name='data')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit_entries', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit_entries', to='blog.article', verbose_name='article')),
                        ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'audit entry',
                        'verbose_name_plural': 'audit log',
                        'db_table': 'blog_auditentry',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
            ],
        ),
    ]
