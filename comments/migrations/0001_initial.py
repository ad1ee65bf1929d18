"""Reader comments leave the blog app; their tables and rows stay where they are.

State only: the models keep the tables blog's migrations created (`blog_comment`,
`blog_moderationword`, `blog_moderatoralert`). blog's 0007 removes them from blog's
state and moves their content types here.
"""

import comments.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('blog', '0006_audit_moves_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ModerationWord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('phrase', models.CharField(help_text="Capitalization does not matter; only whole words count ('pil' does not match 'pilates').", max_length=100, unique=True, verbose_name='word or phrase')),
                        ('action', models.CharField(choices=[('block', 'block: straight to spam'), ('hold', 'hold with flag')], default='hold', max_length=10, verbose_name='action')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='explanation')),
                    ],
                    options={
                        'verbose_name': 'moderation word',
                        'verbose_name_plural': 'moderation words',
                        'db_table': 'blog_moderationword',
                        'ordering': ['action', 'phrase'],
                    },
                ),
                migrations.CreateModel(
                    name='ModeratorAlert',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(max_length=40, unique=True)),
                        ('last_sent_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'moderation flag',
                        'verbose_name_plural': 'moderation flags',
                        'db_table': 'blog_moderatoralert',
                    },
                ),
                migrations.CreateModel(
                    name='Comment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('comment', 'question or comment'), ('experience', 'experience')], default='comment', max_length=20, verbose_name='type')),
                        ('name', models.CharField(max_length=80, verbose_name='name')),
                        ('email', models.EmailField(blank=True, help_text='Never show: only for the withdrawal link and GDPR requests.', max_length=254, verbose_name='email address')),
                        ('body', models.TextField(max_length=5000, verbose_name='text')),
                        ('body_html', models.TextField(default='', editable=False)),
                        ('condition', models.CharField(blank=True, max_length=120, verbose_name='condition or complaint')),
                        ('tried', models.CharField(blank=True, max_length=200, verbose_name='what was tried')),
                        ('tried_type', models.CharField(blank=True, choices=[('food', 'food'), ('supplement', 'supplement'), ('product', 'product'), ('treatment', 'treatment')], max_length=20, verbose_name='type of remedy')),
                        ('duration', models.CharField(blank=True, max_length=80, verbose_name='how long')),
                        ('outcome', models.CharField(blank=True, choices=[('better', 'better'), ('no_change', 'no difference'), ('worse', 'worse'), ('mixed', 'mixed results')], max_length=20, verbose_name='result')),
                        ('is_editor_reply', models.BooleanField(default=False, editable=False, help_text="Written by a member of the editors; readers see the label 'Editor'.", verbose_name='editors')),
                        ('status', models.CharField(choices=[('pending', 'awaiting moderation'), ('approved', 'approved'), ('rejected', 'rejected'), ('spam', 'spam'), ('withdrawn', 'withdrawn by author')], db_index=True, default='pending', editable=False, max_length=20, verbose_name='status')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='submitted on')),
                        ('moderated_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='moderated on')),
                        ('moderation_reason', models.TextField(blank=True, editable=False, verbose_name='reason')),
                        ('flags', models.CharField(blank=True, db_index=True, editable=False, help_text='Why the submission was held; visible to moderators only.', max_length=200, verbose_name='flags')),
                        ('flag_details', models.JSONField(blank=True, default=list, editable=False)),
                        ('score', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='score')),
                        ('consent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='consent given on')),
                        ('consent_version', models.CharField(blank=True, editable=False, max_length=20, verbose_name='consent text version')),
                        ('ip_hash', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                        ('withdraw_token', models.CharField(default=comments.models.new_withdraw_token, editable=False, max_length=64, unique=True)),
                        ('dedupe_key', models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                        ('form_nonce', models.CharField(blank=True, editable=False, max_length=32, null=True, unique=True)),
                        ('removed_at', models.DateTimeField(blank=True, editable=False, help_text="Emptied by a GDPR erasure or the retention period; kept only as the placeholder under which other readers' replies stay.", null=True, verbose_name='removed on')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='blog.article', verbose_name='article')),
                        ('moderated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='moderated_comments', to=settings.AUTH_USER_MODEL, verbose_name='moderated by')),
                        ('parent', models.ForeignKey(blank=True, help_text='One level: a reply belongs to a submission, not to a reply.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='comments.comment', verbose_name='reply to')),
                        ('user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='comments', to=settings.AUTH_USER_MODEL, verbose_name='editor')),
                    ],
                    options={
                        'verbose_name': 'reader submission',
                        'verbose_name_plural': 'reader submissions',
                        'db_table': 'blog_comment',
                        'ordering': ['-created_at', '-id'],
                        'permissions': [('moderate_comment', 'Can approve, reject and edit reader submissions')],
                        'indexes': [models.Index(fields=['article', 'status'], name='comment_article_status')],
                    },
                ),
            ],
        ),
    ]
